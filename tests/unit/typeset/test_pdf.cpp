#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include "sample_doc.h"

using namespace nastavnik::typeset;

namespace {

struct TempPdf {
  std::string path;
  explicit TempPdf(const std::string& bytes) {
    static int counter = 0;
    path = (std::filesystem::temp_directory_path() /
            ("typeset-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".pdf"))
               .string();
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempPdf() { std::filesystem::remove(path); }
};

// Runs a command, returns its exit status and standard output.
std::pair<int, std::string> run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int st = ::pclose(p);
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> v;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) v.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') flush();
    else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      flush();
      ++i;
    } else cur += static_cast<char>(c);
  }
  flush();
  return v;
}

// Joins words hyphenated at the end of a line («орга-» + «низаций»).
std::vector<std::string> dehyphenate(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (size_t i = 0; i < in.size(); ++i) {
    std::string w = in[i];
    while (w.size() > 1 && w.back() == '-' && i + 1 < in.size()) {
      w.pop_back();
      w += in[++i];
    }
    out.push_back(w);
  }
  return out;
}

Document text_only() {
  Document d;
  d.title = "Приказ о наставничестве";
  d.author = "Смирнова Е.А.";
  Heading h;
  h.spans.push_back(Span{"ПРИКАЗ"});
  d.blocks.push_back(h);
  d.blocks.push_back(sample::para(sample::kLorem));
  d.blocks.push_back(sample::para(std::string(sample::kLorem) + " — ещё раз, с\u00A0неразрывными пробелами: "
                                  "№\u00A076 от\u00A010.11.2025, Е.А.\u00A0Смирнова, 42,8\u00A0%."));
  d.blocks.push_back(sample::item("1.", "Назначить куратором Е.А.\u00A0Смирнову."));
  return d;
}

std::string source_text(const Document& d) {
  std::string s;
  for (const Block& b : d.blocks) {
    if (auto* h = std::get_if<Heading>(&b))
      for (const Span& sp : h->spans) s += sp.text + "\n";
    if (auto* p = std::get_if<Paragraph>(&b)) {
      s += p->label + " ";
      for (const Span& sp : p->spans) s += sp.text;
      s += "\n";
    }
  }
  return s;
}

}  // namespace

TEST_CASE("two renders are byte-identical, also on parallel threads", "[typeset][pdf]") {
  Document d = sample::order(true);
  Result a = render(d);
  Result b = render(d);
  REQUIRE(a.pdf.size() > 1000);
  CHECK(a.pdf == b.pdf);
  CHECK(a.pdf.rfind("%PDF-", 0) == 0);
  CHECK(a.pdf.find("/CreationDate") == std::string::npos);
  CHECK(a.pdf.find("/ModDate") == std::string::npos);

  std::vector<std::string> out(3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) threads.emplace_back([&, t] { out[t] = render(d).pdf; });
  for (auto& t : threads) t.join();
  for (const auto& o : out) CHECK(o == a.pdf);
}

TEST_CASE("a session shared by documents changes no byte", "[typeset][pdf]") {
  Session session;
  Document d = sample::order(true);
  d.toc = true;  // laid out more than once
  Document other = text_only();
  other.fonts.regular = other.fonts.bold;  // another font set in the same libharu document object
  Result plain = render(d);
  Result plain_other = render(other);
  Result first = render(d, &session);
  Result between = render(other, &session);
  Result cached = render(d, &session);  // every paragraph now comes from the cache
  CHECK(first.pdf == plain.pdf);
  CHECK(between.pdf == plain_other.pdf);
  CHECK(cached.pdf == plain.pdf);
  CHECK(cached.pages == plain.pages);
  // A failed document leaves the session usable.
  Document broken = text_only();
  broken.fonts.regular = "/nonexistent/font.ttf";
  CHECK_THROWS(render(broken, &session));
  CHECK(render(d, &session).pdf == plain.pdf);
}

TEST_CASE("workspaces sharing one build's resources change no byte, also on parallel threads", "[typeset][pdf]") {
  Document d = sample::order(true);
  d.toc = true;
  Document other = text_only();
  other.fonts.regular = other.fonts.bold;  // a second engine in each workspace
  const std::string plain = render(d).pdf, plain_other = render(other).pdf;
  Resources resources;  // as the PDF renderer: one per build, a workspace per organisation at once
  std::vector<std::unique_ptr<Workspace>> workspaces;
  for (int t = 0; t < 3; ++t) workspaces.push_back(std::make_unique<Workspace>(resources));
  std::vector<std::string> out(3 * 4);
  for (int round = 0; round < 2; ++round) {  // the second round: each workspace on another thread
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t)
      threads.emplace_back([&, t] {
        Workspace& w = *workspaces[(t + round) % 3];
        for (int org = 0; org < 2; ++org) {  // sessions one after another in the same workspace
          Session session(w);
          out[t * 4 + org * 2] = render(d, &session).pdf;
          out[t * 4 + org * 2 + 1] = render(other, &session).pdf;
        }
      });
    for (auto& t : threads) t.join();
    for (size_t i = 0; i < out.size(); ++i) CHECK(out[i] == (i % 2 ? plain_other : plain));
  }
}

TEST_CASE("streams are compressed after libharu, and the file stays valid", "[typeset][pdf]") {
  Document d = sample::order(true);
  Result r = render(d);
  // Every stream of any size is FlateDecode: the font programs (with /Length1) and the pages.
  size_t streams = 0, compressed = 0, fonts = 0;
  for (size_t at = r.pdf.find(">>\nstream\r\n"); at != std::string::npos;
       at = r.pdf.find(">>\nstream\r\n", at + 1)) {
    size_t dict = r.pdf.rfind("obj\n<<\n", at);
    REQUIRE(dict != std::string::npos);
    std::string head = r.pdf.substr(dict, at - dict);
    ++streams;
    if (head.find("/Filter /FlateDecode") != std::string::npos) ++compressed;
    if (head.find("/Length1") != std::string::npos) {
      ++fonts;
      CHECK(head.find("/Filter /FlateDecode") != std::string::npos);
    }
  }
  CHECK(fonts >= 2);
  CHECK(compressed + 1 >= streams);  // a tiny stream may stay as it is
  TempPdf f(r.pdf);
  auto [status, out] = run("qpdf --check '" + f.path + "' 2>&1");
  INFO(out);
  CHECK(status == 0);
  auto [tstatus, text] = run("pdftotext -enc UTF-8 '" + f.path + "' - 2>/dev/null");
  CHECK(tstatus == 0);
  CHECK(text.find("ПРИКАЗ") != std::string::npos);
}

TEST_CASE("pdftotext returns the exact words in reading order", "[typeset][pdf]") {
  Document d = text_only();
  Result r = render(d);
  TempPdf f(r.pdf);
  auto [status, text] = run("pdftotext -layout -enc UTF-8 '" + f.path + "' - 2>/dev/null");
  REQUIRE(status == 0);
  auto got = dehyphenate(words(text));
  auto want = words(source_text(d));
  CHECK(got == want);
  // Hyphenation did happen (otherwise the test above proves less).
  auto raw = words(text);
  CHECK(std::any_of(raw.begin(), raw.end(), [](const std::string& w) { return w.size() > 2 && w.back() == '-'; }));
}

TEST_CASE("table and chart text is extractable", "[typeset][pdf]") {
  Result r = render(sample::order(true));
  TempPdf f(r.pdf);
  auto [status, text] = run("pdftotext -enc UTF-8 '" + f.path + "' - 2>/dev/null");
  REQUIRE(status == 0);
  for (const char* s : {"Дорожная карта внедрения целевой модели наставничества", "Ответственный",
                        "Этап 3. Подготовка условий", "Е.А. Смирнова,", "42,8", "64,5",
                        "Обучающиеся", "ДОКУМЕНТ ПОДПИСАН", "И.О. Фамилия", "№ 76"}) {
    INFO(s);
    CHECK(text.find(s) != std::string::npos);
  }
  CHECK(text.find("\u00A0") == std::string::npos);
}

TEST_CASE("qpdf --check passes and metadata, links and bookmarks are present", "[typeset][pdf]") {
  Document d = sample::order(true);
  Result r = render(d);
  TempPdf f(r.pdf);
  auto [status, out] = run("qpdf --check '" + f.path + "' 2>&1");
  INFO(out);
  CHECK(status == 0);
  CHECK(out.find("No syntax or stream encoding errors") != std::string::npos);

  auto [st2, info] = run("pdfinfo -enc UTF-8 '" + f.path + "' 2>/dev/null");
  REQUIRE(st2 == 0);
  CHECK(info.find(d.title) != std::string::npos);
  CHECK(info.find(d.author) != std::string::npos);
  std::ostringstream pages;
  pages << "Pages:";
  CHECK(info.find("Pages:") != std::string::npos);
  CHECK(info.find(std::to_string(r.pages) + "\n") != std::string::npos);

  // libharu escapes the slashes of the URI as \\057.
  CHECK(r.pdf.find("/URI (https:\\057\\057school1.example.ru\\057nastavnichestvo)") != std::string::npos);
  CHECK(r.pdf.find("/Outlines") != std::string::npos);
}

TEST_CASE("a justified line is one string with stretched spaces, not a string per word", "[typeset][pdf]") {
  Document d = text_only();
  Result r = render(d);
  TempPdf f(r.pdf);
  const std::string qdf = f.path + ".qdf";
  auto [status, out] = run("qpdf --qdf --object-streams=disable '" + f.path + "' '" + qdf + "' 2>&1");
  REQUIRE(status == 0);
  std::ifstream in(qdf, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(qdf);
  // Word spacing set (Tw) and strings of several words: libharu writes "<hex> Tj" in CP1251.
  CHECK(content.find(" Tw\n") != std::string::npos);
  size_t multiword = 0, strings = 0;
  for (size_t at = content.find("> Tj\n"); at != std::string::npos; at = content.find("> Tj\n", at + 1)) {
    size_t open = content.rfind('<', at);
    REQUIRE(open != std::string::npos);
    ++strings;
    int spaces = 0;
    for (size_t k = open + 1; k + 1 < at; k += 2) spaces += content.compare(k, 2, "20") == 0 ? 1 : 0;
    if (spaces >= 3) ++multiword;
  }
  INFO(strings << " strings");
  CHECK(multiword * 2 > strings);  // most strings are whole lines
}

TEST_CASE("a missing font is an error, not a crash", "[typeset][pdf]") {
  Document d;
  d.fonts.regular = "/nonexistent/font.ttf";
  d.blocks.push_back(sample::para("текст"));
  CHECK_THROWS_AS(render(d), std::runtime_error);
}
