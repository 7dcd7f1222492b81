// Cases for the construction permit extractor: holder, parcel and sheet.
import extractor from "../../src/extractors/construction-permit.js";
import { extractorTester } from "../../src/extractors/tester.js";

const doc = (design: string) => `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THỊ XÃ CẦU ĐÁ Độc lập - Tự do - Hạnh phúc
Số: 96/GPXD Cầu Đá, ngày 28 tháng 2 năm 2024
GIẤY PHÉP XÂY DỰNG
Số: 96/GPXD
1. Cấp cho: Ông/bà Hứa Thanh Tịnh
2. Được phép xây dựng công trình: Nhà ở riêng lẻ
${design}
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Thạch Văn Bình`;

extractorTester.run("construction_permit", extractor, {
  valid: [
    {
      name: "l for 1 in the parcel number",
      text: doc("- Theo thiết kế: thửa đất số l02, tờ bản đồ số 14"),
      fields: {
        documentNumber: "96/GPXD",
        issueDate: "2024-02-28",
        issuer: "ỦY BAN NHÂN DÂN THỊ XÃ CẦU ĐÁ",
        fullName: "Hứa Thanh Tịnh",
        landParcel: "102",
        mapSheet: "14",
        signer: "Thạch Văn Bình",
      },
    },
  ],
  invalid: [
    {
      name: "map sheet torn off",
      text: doc("- Theo thiết kế: thửa đất số 102"),
      errors: [{ messageId: "missingField", field: "mapSheet" }],
      fields: { landParcel: "102" },
    },
  ],
});
