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
      fields: {
        documentNumber: "12/TLKH-BS",
        issueDate: "2022-04-15",
        issuer: "ỦY BAN NHÂN DÂN XÃ TÂN LẬP",
        signer: "Vương Thị Nga",
      },
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
    {
      name: "a Công văn: symbol without a type, V/v subject, date printed",
      detects: false,
      text: `BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1187/BNNMT-KH Hà Nội, ngày 18 tháng 7 năm 2025
V/v góp ý dự thảo Quyết định
Kính gửi: Bộ Tài chính.
Bộ Nông nghiệp và Môi trường nhận được văn bản số 902/BTC-PC, Quyết định số 88/QĐ-BTC.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Võ Văn Hưng`,
      fields: {
        documentNumber: "1187/BNNMT-KH",
        issueDate: "2025-07-18",
        issuer: "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        signer: "Võ Văn Hưng",
      },
    },
  ],
  invalid: [
    {
      name: "a Chỉ thị with its number and day in pen: printed parts only, body decisions ignored",
      text: `ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH SƠN LÂM Độc lập - Tự do - Hạnh phúc
Số: 2 # /CT-UBND Sơn Lâm, ngày Z tháng 4 năm 2020
CHỈ THỊ
Về việc triển khai thu phí không dùng tiền mặt
Thực hiện Quyết định số 2545/QĐ-TTg ngày 30/12/2016 của Thủ tướng Chính phủ,
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Mạc Văn Tiến`,
      errors: [
        { messageId: "handwrittenSlot", field: "documentNumber", line: 3 },
        { messageId: "handwrittenSlot", field: "issueDate", line: 3 },
      ],
      fields: {
        documentNumber: "…/CT-UBND",
        issueDate: "2020-04",
        issuer: "ỦY BAN NHÂN DÂN TỈNH SƠN LÂM",
        signer: "Mạc Văn Tiến",
      },
    },
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
