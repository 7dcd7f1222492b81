// Cases for the marital status extractor.
import extractor from "../../src/extractors/marital-status.js";
import { extractorTester } from "../../src/extractors/tester.js";

const doc = (idLine: string) => `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG BẾN ĐÁ Độc lập - Tự do - Hạnh phúc
Số: 3O7/UBND-XNTTHN Bến Đá, ngày 9 tháng 11 năm 2024
GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN
Xác nhận ông/bà: Kiều Văn Phong
Ngày, tháng, nắm sinh: 30/01/1990
Giới tính: Nam Dân tộc: Kinh Quốc tịch: Việt Nam
${idLine}
Tình trạng hôn nhân: Hiện tại chưa đăng ký kết hôn với ai
/⁄⁄ TM. ỦYBẦY NHÂN DÂN
KT: CHỦ TỊCH
PHÓ CHỦ TỊCH
Ñ ⁄
Lò Thị ThủyThu`;

extractorTester.run("marital_status", extractor, {
  valid: [
    {
      name: "ID split by a stray space, seal garbage, merged words in the signer",
      text: doc("Số định danh cá nhân: 0770901 23456"),
      fields: {
        documentNumber: "307/UBND-XNTTHN",
        issueDate: "2024-11-09",
        issuer: "ỦY BAN NHÂN DÂN PHƯỜNG BẾN ĐÁ",
        fullName: "Kiều Văn Phong",
        dateOfBirth: "1990-01-30",
        gender: "Nam",
        citizenId: "077090123456",
        signer: "Lò Thị Thủy Thu",
      },
    },
    {
      name: "two pages: signer block on the last page, garbage before the name, vowel read twice in the issuer",
      text: `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ HÒA THIÊỆN Độc lập - Tự do - Hạnh phúc
Số: 41/UBND-XNTTHN Hòa Thiện, ngày 2 tháng 6 năm 2023
GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN
Xác nhận ông/bà: Tôn Nữ Hạ Vy
Ngày, tháng, năm sinh: 14/02/1995
Giới tính: Nữ Dân tộc: Kinh Quốc tịch: Việt Nam

2
Tình trạng hôn nhân: Hiện tại chưa đăng ký kết hôn với ai.
Giấy này có giá trị sử dụng trong thời hạn 06 tháng, kể từ ngày cấp.
___TM.ỦY/EẦN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
x2
xš= - Đoàn Minh Khải`,
      fields: { issuer: "ỦY BAN NHÂN DÂN XÃ HÒA THIỆN", fullName: "Tôn Nữ Hạ Vy", signer: "Đoàn Minh Khải" },
    },
    {
      name: "a short family name one hat away is kept (as doubtful, for review)",
      text: doc("Số định danh cá nhân: 077090123456").replace("Lò Thị ThủyThu", "Đã Thanh Tùng"),
      fields: { signer: "Đỗ Thanh Tùng" },
    },
  ],
  invalid: [
    {
      name: "seal over the whole name: flagged, not guessed",
      text: doc("Số định danh cá nhân: 077090123456").replace("Lò Thị ThủyThu", "E10 TH"),
      errors: [{ messageId: "signerUnreadable", field: "signer", line: 10 }],
      fields: { signer: undefined },
    },
    {
      name: "name smudged into digits",
      text: doc("Số định danh cá nhân: 077090123456").replace("Kiều Văn Phong", "0909 ..."),
      errors: [{ messageId: "unreadableName", field: "fullName", line: 5 }],
    },
  ],
});
