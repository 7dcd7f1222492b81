// Cases for the household business extractor: business code, capital, owner.
import extractor from "../../src/extractors/household-business.js";
import { extractorTester } from "../../src/extractors/tester.js";

const doc = (capital: string) => `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN ĐỒNG XANH Độc lập - Tự do - Hạnh phúc
PHONG TÀI CHÍNH - KẾ HOẠCH Đồng Xanh, ngày 21 tháng 08 năm 2020
Mã số: 512B3O004417
GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH
Mã số hộ kinh doanh: 512B3O004417
Đăng ký lần đầu: ngày 21 tháng 08 năm 2020
1. Tên hộ kinh doanh: HỘ KINH DOANH HOA SEN
4. Vốn kinh doanh: ${capital}
5, Chủ hộ kinh doanh: Châu Ngọc Bích Giới tính: Nữ
Ngày sinh: 03/04/1985 Số định danh cá nhân: 052185004321
TRƯỞNG PHÒNG
\` Mạc VănTùng`;

extractorTester.run("household_business", extractor, {
  valid: [
    {
      name: "department line shares the place-date line, O for 0 in the code",
      text: doc("75.000.000 đồng"),
      fields: {
        documentNumber: "512B30004417",
        issueDate: "2020-08-21",
        issuer: "ỦY BAN NHÂN DÂN HUYỆN ĐỒNG XANH PHÒNG TÀI CHÍNH - KẾ HOẠCH",
        businessName: "HỘ KINH DOANH HOA SEN",
        fullName: "Châu Ngọc Bích",
        gender: "Nữ",
        dateOfBirth: "1985-04-03",
        citizenId: "052185004321",
        capitalVnd: 75000000,
        signer: "Mạc Văn Tùng",
      },
    },
  ],
  invalid: [
    {
      name: "capital that is not an amount",
      text: doc("bảy mươi lăm triệu"),
      errors: [{ messageId: "badCapital", field: "capitalVnd", line: 9 }],
    },
  ],
});
