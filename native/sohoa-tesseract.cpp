// A persistent Tesseract for sohoa: loads the language model once and reads pages named on stdin,
// so a page pays for recognition only, not for the ~0.1 CPU-s start-up of the `tesseract` CLI.
//
// Usage: sohoa-tesseract LANG [NAME=VALUE ...]     (the NAME=VALUE pairs are Tesseract variables)
// Request, one line on stdin:   ID <TAB> PSM <TAB> DPI (0 = unknown) <TAB> IMAGE PATH
// Reply on stdout:              ID <TAB> "ok"|"error" <TAB> BYTES <LF> then BYTES of TSV or message
// It answers "ready" once the model is loaded; it exits when stdin closes.
#include <tesseract/baseapi.h>
#include <leptonica/allheaders.h>

#include <cstdio>
#include <iostream>
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
      reply(id, "ok", std::string(kTsvHeader) + (tsv != nullptr ? tsv : ""));
      delete[] tsv;
    }
    api.Clear();
    pixDestroy(&pix);
  }
  api.End();
  return 0;
}
