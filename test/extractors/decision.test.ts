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
      text: `BỘ TÀI NGUYÊN\nSố: 2O/2023/QĐ-BTN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 01 tháng 12 năm 2023\nQUYẾT ĐỊNH\nVề việc ban hành quy chế\n${body}\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nIrần Văn Lực`,
      fields: { documentNumber: "20/2023/QĐ-BTN", issueDate: "2023-12-01", issuer: "BỘ TÀI NGUYÊN", signer: "Trần Văn Lực" },
    },
  ],
  invalid: [
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
