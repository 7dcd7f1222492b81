// Cases for the decision extractor: clean text, two-column OCR merges, seal garbage, missing parts.
import extractor from "../../src/extractors/decision.js";
import { extractorTester } from "../../src/extractors/tester.js";

const header = `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN SÔNG MÂY Độc lập - Tự do - Hạnh phúc
Số: 412/QĐ-UBND Sông Mây, ngày 7 tháng 3 năm 2022
QUYẾT ĐỊNH
Về việc hỗ trợ chỉ phí học tập cho học sinh`;

const body = `Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét đề nghị của ông/bà Tạ Minh Khôi, số định danh cá nhân 038095001234.
QUYẾT ĐỊNH:
Điều 1. Chấp thuận đề nghị của ông/bà Tạ Minh Khôi.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.`;

extractorTester.run("decision", extractor, {
  valid: [
    {
      name: "two-column header merged by OCR, signer under a seal",
      text: `${header}\n${body}\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n⁄⁄ Ñ s\nĐinh Thị Hòa`,
      fields: {
        documentNumber: "412/QĐ-UBND",
        issueDate: "2022-03-07",
        issuer: "ỦY BAN NHÂN DÂN HUYỆN SÔNG MÂY",
        subject: "Về việc hỗ trợ chi phí học tập cho học sinh",
        fullName: "Tạ Minh Khôi",
        citizenId: "038095001234",
        signer: "Đinh Thị Hòa",
      },
    },
    {
      name: "normative number with year, O for 0 in the number, separate header lines",
      text:
        `BỘ TÀI NGUYÊN\nSố: 2O/2023/QĐ-BTN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 01 tháng 12 năm 2023\n` +
        `QUYẾT ĐỊNH\nVề việc ban hành quy chế\n${body}\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nIrần Văn Lực`,
      fields: {
        documentNumber: "20/2023/QĐ-BTN",
        issueDate: "2023-12-01",
        issuer: "BỘ TÀI NGUYÊN",
        signer: "Trần Văn Lực",
      },
    },
    {
      name: "Government decision: e-signature banner above the header, TTg symbol, KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG",
      text: `Người ký: CÔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ
Cơ quan: VĂN PHÒNG CHÍNH PHỦ
Thời gian ký: 11.09.2024 09:12:05 +07:00
THỦ TƯỚNG CHÍNH PHỦ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
————— Độc lập - Tự do - Hạnh phúc
Số: 1093/QĐ-TTg Hà Nội, ngày 10 tháng 9 năm 2024
QUYÉT ĐỊNH
Về việc công nhận huyện Đông Sơn Mới đạt chuẩn nông thôn mới
THỦ TƯỚNG CHÍNH PHỦ
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Căn cứ Chỉ thị số 12/CT-TTg ngày 03 tháng 5 năm 2024 của Thủ tướng Chính phủ;
QUYÉT ĐỊNH:
Điều 1. Công nhận huyện Đông Sơn Mới đạt chuẩn nông thôn mới năm 2024.
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Trần Lưu Quang Minh`,
      fields: {
        documentNumber: "1093/QĐ-TTg",
        issueDate: "2024-09-10",
        issuer: "THỦ TƯỚNG CHÍNH PHỦ",
        signer: "Trần Lưu Quang Minh",
      },
    },
    {
      name: "TL. and Q. signer blocks of a department decision",
      text: `${header}\n${body}\nTL. CHỦ TỊCH\nQ. CHÁNH VĂN PHÒNG\nHứa Thị Lan`,
      fields: { documentNumber: "412/QĐ-UBND", signer: "Hứa Thị Lan" },
    },
  ],
  invalid: [
    {
      name: "number written in by pen: OCR glyphs kept out, printed symbol kept, both slots reported",
      text:
        header.replace(
          "Số: 412/QĐ-UBND Sông Mây, ngày 7 tháng 3 năm 2022",
          "Số: 4‡ /QĐÐ-UBND Sông Mây, ngày ẨÌ tháng 3 năm 2022",
        ) + `\n${body}\nCHỦ TỊCH\nĐinh Thị Hòa`,
      errors: [
        { messageId: "handwrittenSlot", field: "documentNumber", line: 3 },
        { messageId: "handwrittenSlot", field: "issueDate", line: 3 },
      ],
      fields: { documentNumber: "…/QĐ-UBND", issueDate: "2022-03" },
    },
    {
      name: "pen digits OCR read cleanly but in the blank before the slash: not trusted",
      text: header.replace("Số: 412/QĐ-UBND", "Số: 445 /QĐ-UBND") + `\n${body}\nCHỦ TỊCH\nĐinh Thị Hòa`,
      errors: [
        { messageId: "handwrittenSlot", field: "documentNumber", line: 3 },
        { messageId: "handwrittenSlot", field: "issueDate", line: 3 },
      ],
      fields: { documentNumber: "…/QĐ-UBND", issueDate: "2022-03" },
    },
    {
      name: "impossible day from a pen stroke: no date taken from the body instead",
      text: header.replace("ngày 7 tháng 3", "ngày33 tháng 3") + `\n${body}\nCHỦ TỊCH\nĐinh Thị Hòa`,
      errors: [{ messageId: "handwrittenSlot", field: "issueDate", line: 3 }],
      fields: { issueDate: "2022-03" },
    },
    {
      name: "no signer block and no name: signer missing",
      text: `${header}\n${body}`,
      errors: [{ messageId: "missingField", field: "signer" }],
    },
    {
      name: "personal ID with an impossible province code",
      text: `${header}\nXét đề nghị của ông/bà Tạ Minh Khôi, số định danh cá nhân 999095001234.\nCHỦ TỊCH\nĐinh Thị Hòa`,
      errors: [{ messageId: "badCitizenId", field: "citizenId", line: 6 }],
      fields: { citizenId: "999095001234" },
    },
  ],
});
