// Cases for the unknown fallback: generic fields only, never a type claim.
import extractor from "../../src/extractors/unknown.js";
import { extractorTester } from "../../src/extractors/tester.js";

extractorTester.run("unknown", extractor, {
  valid: [
    {
      name: "a marriage extract is not one of the known types but keeps number, date, issuer, signer",
      detects: false,
      text: `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ TÂN LẬP Độc lập - Tự do - Hạnh phúc
Số: 12/TLKH-BS Tân Lập, ngày 15 tháng 4 năm 2022
TRÍCH LỤC KẾT HÔN
Họ, chữ đệm, tên chồng: LÊ VĂN ĐÔNG
Họ, chữ đệm, tên vợ: ĐÀO THỊ XUÂN
NGƯỜI KÝ TRÍCH LỤC
Vương Thị Nga`,
      fields: { documentNumber: "12/TLKH-BS", issueDate: "2022-04-15", issuer: "ỦY BAN NHÂN DÂN XÃ TÂN LẬP", signer: "Vương Thị Nga" },
    },
    {
      name: "a notice's 'Về …' summary line under its title is the subject",
      detects: false,
      text: `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG AN BÌNH Độc lập - Tự do - Hạnh phúc
Số: 77/TB-UBND An Bình, ngày 3 tháng 3 năm 2021
THÔNG BÁO
Về kết quả giải quyết thủ tục hành chính
Sau khi xem xét, hồ sơ đã được giải quyết
về việc cấp bản sao./.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Khúc Văn Lâm`,
      fields: { subject: "Về kết quả giải quyết thủ tục hành chính", signer: "Khúc Văn Lâm" },
    },
  ],
  invalid: [
    {
      name: "nothing but noise",
      text: "~~ ⁄⁄ Ñ\n0O0 s",
      errors: [
        { messageId: "missingField", field: "documentNumber" },
        { messageId: "missingField", field: "issueDate" },
        { messageId: "missingField", field: "issuer" },
        { messageId: "missingField", field: "signer" },
      ],
    },
  ],
});
