// Cases for the birth extract extractor, with the diacritic and digit slips Tesseract makes.
import extractor from "../../src/extractors/birth-extract.js";
import { extractorTester } from "../../src/extractors/tester.js";

const text = (id: string, dob: string) => `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ PHÚ LỘC, Độc lập - Tự do - Hạnh phúc
Số: 58/TLKS-BS Phú Lộc, ngày 14 tháng 06 năm 2021
TRÍCH LỤC KHAI SINH
(Bản sao)
Họ, chữ đệm, tên: HƯỲNH THỊ MAI ANH
Ngày, tháng, năm sinh: ${dob}
Giới tính: Nữ Dân tộc: Kinh Quốc tịch: Việt Nam
Số định danh cá nhân: ${id}
Họ, chữ đệm, tên người mẹ: Lục Thị Hằng
Họ, chữ đệm, tên người cha: Huỳnh Văn Quế
Nơi đăng ký khai sinh: Ủy ban nhân dân xã Phú Lộc
NGƯỜI KÝ TRÍCH LỤC
Nông Văn Sáu`;

extractorTester.run("birth_extract", extractor, {
  valid: [
    {
      name: "upper-case name with a broken diacritic, century digit matches the birth year",
      text: text("046321O09876", "02/05/2021"),
      fields: {
        documentNumber: "58/TLKS-BS",
        issueDate: "2021-06-14",
        issuer: "ỦY BAN NHÂN DÂN XÃ PHÚ LỘC",
        fullName: "Huỳnh Thị Mai Anh",
        dateOfBirth: "2021-05-02",
        gender: "Nữ",
        citizenId: "046321009876",
        motherName: "Lục Thị Hằng",
        fatherName: "Huỳnh Văn Quế",
        signer: "Nông Văn Sáu",
      },
    },
  ],
  invalid: [
    {
      name: "century/sex digit says 1900s but the child was born in 2021",
      text: text("046121009876", "02/05/2021"),
      errors: [{ messageId: "badCitizenId", field: "citizenId", line: 9 }],
    },
  ],
});
