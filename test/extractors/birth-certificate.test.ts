// Cases for the birth certificate (Giấy khai sinh) extractor, from OCR-shaped text of the green guilloche form.
import fs from "node:fs";
import path from "node:path";
import extractor from "../../src/extractors/birth-certificate.js";
import { extractorTester } from "../../src/extractors/tester.js";

const sample = fs.readFileSync(
  path.resolve(import.meta.dirname, "../../fixtures/birth_certificate/sample.txt"),
  "utf8",
);

/** An older form: "Quyển số", the date of birth in words on its own line, the signer under TM. */
const older = `UỶ BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG HÒA KHÁNH Độc lập - Tự do - Hạnh phúc
Số: 87 Quyển số: 02/2016
GIÁY KHAI SINH
Họ, chữ đệm, tên: TRƯƠNG BẢO NGỌC
Ngày, tháng, năm sinh: 30/O4/2016
Bằng chữ: Ngày ba mươi, tháng tư, năm hai nghìn không trăm mười sáu
Giới tính: Nữ Dân tộc: Kinh Quốc tịch: Việt Nam
Nơi sinh: Bệnh viện Phụ sản - Nhi Đà Nẵng
Họ, chữ đệm, tên người mẹ: Hồ Thị Diễm
Họ, chữ đệm, tên người cha: Trương Công Lâm
Nơi đăng ký khai sinh: Ủy ban nhân dân phường Hòa Khánh
Ngày, tháng, năm đăng ký: 06/05/2016
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Ngô Quốc Bảo`;

extractorTester.run("birth_certificate", extractor, {
  valid: [
    {
      name: "current form: register entry without symbol, signer under KT. CHỦ TỊCH / PHÓ CHỦ TỊCH past emblem noise",
      text: sample,
      fields: {
        registrationNumber: "214",
        registrationDate: "2022-11-21",
        issueDate: "2022-11-21",
        fullName: "Phan Gia Huy",
        dateOfBirth: "2022-11-09",
        gender: "Nam",
        citizenId: "091222004517",
        motherName: "Lý Thị Ngọc Hân",
        fatherName: "Phan Văn Khải",
        issuer: "ỦY BAN NHÂN DÂN XÃ TÂN HIỆP",
        signer: "Đỗ Thanh Tùng",
        registrationPlace: "Ủy ban nhân dân xã Tân Hiệp, huyện Châu Thành, tỉnh Kiên Giang",
      },
    },
    {
      name: "older form with Quyển số, a dropped circumflex in the title and O for 0 in the birth date",
      text: older,
      fields: {
        registrationNumber: "87",
        registrationBook: "02/2016",
        registrationDate: "2016-05-06",
        fullName: "Trương Bảo Ngọc",
        dateOfBirth: "2016-04-30",
        gender: "Nữ",
        motherName: "Hồ Thị Diễm",
        fatherName: "Trương Công Lâm",
        signer: "Ngô Quốc Bảo",
      },
    },
  ],
  invalid: [
    {
      name: "registration date line lost under the seal",
      text: sample.replace(/^Ngày, tháng, năm đăng ký.*$/m, "Ngàv, thá ® @ # 2"),
      errors: [{ messageId: "missingField", field: "registrationDate" }],
    },
    {
      name: "register number unreadable (pen or guilloche over it)",
      text: sample.replace("Số: 214", "Số: #‡"),
      errors: [{ messageId: "missingField", field: "registrationNumber" }],
    },
    {
      name: "child's ID says born in the 1900s",
      text: sample.replace("091222004517", "091122004517"),
      errors: [{ messageId: "badCitizenId", field: "citizenId", line: 11 }],
    },
  ],
});
