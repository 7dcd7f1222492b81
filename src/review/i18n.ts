// The review desk's words in Vietnamese (the default) and English (`?lang=en`).
export type Lang = "vi" | "en";

const vi = {
  title: "Bàn kiểm tra hồ sơ số hóa",
  queue: "Hàng chờ kiểm tra",
  documents: "tài liệu",
  batch: "Lô",
  unit: "Đơn vị",
  level: "Cấp",
  year: "Năm",
  docType: "Loại tài liệu",
  reason: "Lý do",
  all: "Tất cả",
  filter: "Lọc",
  file: "Tệp",
  open: "Mở",
  empty: "Không còn tài liệu nào cần kiểm tra.",
  field: "Trường",
  value: "Giá trị",
  confidence: "Độ tin cậy",
  approve: "Phê duyệt",
  exclude: "Không phải kết quả giải quyết TTHC",
  rotate: "Xoay trang",
  zoomIn: "Phóng to",
  zoomOut: "Thu nhỏ",
  page: "Trang",
  next: "Tài liệu tiếp",
  prev: "Tài liệu trước",
  logout: "Đăng xuất",
  heldBy: "Tài liệu đang được {user} xem xét đến {until}.",
  saved: "Đã lưu phiên bản {version}.",
  keys: "Phím: j/n tiếp · k trước · Tab sang trường · a hoặc Ctrl+Enter phê duyệt · r xoay trang",
  login: "Đăng nhập",
  user: "Tên đăng nhập",
  password: "Mật khẩu",
  reasons: "Lý do cần kiểm tra",
  back: "Về hàng chờ",
  version: "Phiên bản",
  lang: "English",
  typeChanged: "Đổi loại: các trường theo mẫu của loại mới.",
  heldCol: "Đang được xem bởi",
} as const;

export type Messages = { [K in keyof typeof vi]: string };

const en: Messages = {
  title: "Review desk",
  queue: "Review queue",
  documents: "documents",
  batch: "Batch",
  unit: "Unit",
  level: "Level",
  year: "Year",
  docType: "Document type",
  reason: "Reason",
  all: "All",
  filter: "Filter",
  file: "File",
  open: "Open",
  empty: "No document needs review.",
  field: "Field",
  value: "Value",
  confidence: "Confidence",
  approve: "Approve",
  exclude: "Not a settlement result",
  rotate: "Turn page",
  zoomIn: "Zoom in",
  zoomOut: "Zoom out",
  page: "Page",
  next: "Next document",
  prev: "Previous document",
  logout: "Log out",
  heldBy: "This document is being reviewed by {user} until {until}.",
  saved: "Version {version} saved.",
  keys: "Keys: j/n next · k previous · Tab field to field · a or Ctrl+Enter approve · r turn page",
  login: "Log in",
  user: "User",
  password: "Password",
  reasons: "Why it needs review",
  back: "Back to the queue",
  version: "Version",
  lang: "Tiếng Việt",
  typeChanged: "Type changed: the fields follow the new type's schema.",
  heldCol: "Held by",
};

export function messages(lang: Lang): Messages {
  return lang === "en" ? en : vi;
}

export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
}

export const esc = (s: unknown) => String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
