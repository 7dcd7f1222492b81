// A persistent Tesseract for sohoa: loads the language model once and reads pages named on stdin,
// so a page pays for recognition only, not for the ~0.1 CPU-s start-up of the `tesseract` CLI.
//
// Usage: sohoa-tesseract LANG [NAME=VALUE ...]     (the NAME=VALUE pairs are Tesseract variables)
// Request, one line on stdin:   ID <TAB> PSM <TAB> DPI (0 = unknown) <TAB> IMAGE PATH
// Reply on stdout:              ID <TAB> "ok"|"error" <TAB> BYTES <LF> then BYTES of TSV or message
// It answers "ready" once the model is loaded; it exits when stdin closes. The TSV is the `tesseract`
// command's, plus level-6 rows: the characters of each word that holds a digit or glues letters to other
// marks (symbolRows).
#include <tesseract/baseapi.h>
#include <leptonica/allheaders.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

const char* kTsvHeader =
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

void reply(const std::string& id, const char* status, const std::string& body) {
  std::cout << id << '\t' << status << '\t' << body.size() << '\n' << body;
  std::cout.flush();
}

std::vector<std::string> splitTabs(const std::string& line) {
  std::vector<std::string> parts;
  std::stringstream in(line);
  std::string part;
  while (std::getline(in, part, '\t')) parts.push_back(part);
  return parts;
}

/** The code points of a UTF-8 string (a malformed byte counts as U+FFFD). */
std::vector<char32_t> codePoints(const char* s) {
  std::vector<char32_t> out;
  for (const unsigned char* p = reinterpret_cast<const unsigned char*>(s); *p;) {
    int extra = *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : *p >= 0xC0 ? 1 : 0;
    char32_t c = extra == 0 ? *p : *p & (0x3F >> extra);
    ++p;
    for (; extra > 0 && (*p & 0xC0) == 0x80; --extra, ++p) c = (c << 6) | (*p & 0x3F);
    out.push_back(extra == 0 ? c : 0xFFFD);
  }
  return out;
}

/** A letter of Vietnamese print: ASCII letters, Latin-1 and Latin Extended letters (đ, ơ, ư, ạ … ỹ). */
bool isLetter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  return (c >= 0x300 && c <= 0x36F) || (c >= 0x1E00 && c <= 0x1EFF);
}

/**
 * Whether a word's characters are worth their own rows: it holds a digit ("15/QĐ-UBND", "ngày23"), or
 * letters glued to other marks ("ngày¿", "tháng(": a pen-written day or month OCR glued to its label).
 */
bool wantsSymbols(const char* text) {
  const auto cps = codePoints(text);
  bool letter = false, other = false;
  for (char32_t c : cps) {
    if (c >= '0' && c <= '9') return true;
    (isLetter(c) ? letter : other) = true;
  }
  return letter && other;
}

/**
 * One TSV row (level 6) per character of every word that holds a digit or glues letters to other marks
 * (wantsSymbols), numbered as GetTSVText numbers
 * the words (same walk, same counters): a pen-written number that OCR glued to its printed label
 * ("ngày23") can then be cut from the label at the label's last character.
 */
std::string symbolRows(tesseract::TessBaseAPI& api) {
  using tesseract::RIL_BLOCK, tesseract::RIL_PARA, tesseract::RIL_TEXTLINE, tesseract::RIL_WORD,
      tesseract::RIL_SYMBOL;
  std::string out;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return out;
  int block = 0, par = 0, line = 0, word = 0;
  while (!it->Empty(RIL_BLOCK)) {
    if (it->Empty(RIL_WORD)) {
      it->Next(RIL_WORD);
      continue;
    }
    if (it->IsAtBeginningOf(RIL_BLOCK)) block++, par = 0, line = 0, word = 0;
    if (it->IsAtBeginningOf(RIL_PARA)) par++, line = 0, word = 0;
    if (it->IsAtBeginningOf(RIL_TEXTLINE)) line++, word = 0;
    word++;
    std::unique_ptr<char[]> text(it->GetUTF8Text(RIL_WORD));
    const char* t = text ? text.get() : "";
    const bool wanted = wantsSymbols(t);
    do {
      if (wanted) {
        int left, top, right, bottom;
        it->BoundingBox(RIL_SYMBOL, &left, &top, &right, &bottom);
        std::unique_ptr<char[]> symbol(it->GetUTF8Text(RIL_SYMBOL));
        std::ostringstream row;
        row << "6\t1\t" << block << '\t' << par << '\t' << line << '\t' << word << '\t' << left << '\t' << top
            << '\t' << right - left << '\t' << bottom - top << '\t' << it->Confidence(RIL_SYMBOL) << '\t'
            << (symbol ? symbol.get() : "") << '\n';
        out += row.str();
      }
      it->Next(RIL_SYMBOL);
    } while (!it->Empty(RIL_BLOCK) && !it->IsAtBeginningOf(RIL_WORD));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: sohoa-tesseract LANG [NAME=VALUE ...]\n";
    return 2;
  }
  std::vector<std::string> names, values;
  for (int i = 2; i < argc; ++i) {
    std::string pair = argv[i];
    auto eq = pair.find('=');
    if (eq == std::string::npos) {
      std::cerr << "not NAME=VALUE: " << pair << '\n';
      return 2;
    }
    names.push_back(pair.substr(0, eq));
    values.push_back(pair.substr(eq + 1));
  }
  tesseract::TessBaseAPI api;
  // Variables go to Init so that init-only ones (dictionaries, ambigs) take effect too.
  if (api.Init(nullptr, argv[1], tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values, false) != 0) {
    std::cerr << "cannot load language data \"" << argv[1] << "\"\n";
    return 3;
  }
  std::cout << "ready\n";
  std::cout.flush();

  std::string line;
  while (std::getline(std::cin, line)) {
    auto fields = splitTabs(line);
    if (fields.size() != 4) {
      reply(fields.empty() ? "?" : fields[0], "error", "malformed request");
      continue;
    }
    const std::string& id = fields[0];
    Pix* pix = pixRead(fields[3].c_str());
    if (pix == nullptr) {
      reply(id, "error", "cannot read image " + fields[3]);
      continue;
    }
    api.SetPageSegMode(static_cast<tesseract::PageSegMode>(std::stoi(fields[1])));
    api.SetVariable("user_defined_dpi", fields[2].c_str());
    api.SetImage(pix);
    api.SetInputName(fields[3].c_str());
    if (api.Recognize(nullptr) < 0) {
      reply(id, "error", "recognition failed");
    } else {
      char* tsv = api.GetTSVText(0);
      reply(id, "ok", std::string(kTsvHeader) + (tsv != nullptr ? tsv : "") + symbolRows(api));
      delete[] tsv;
    }
    api.Clear();
    pixDestroy(&pix);
  }
  api.End();
  return 0;
}
