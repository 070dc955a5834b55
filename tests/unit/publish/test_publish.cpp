// The publisher on a MemoryFs: staging, the swap, what a failed build leaves, duplicate paths.
#include <catch2/catch.hpp>

#include "publish/publisher.h"

using namespace nastavnik;

namespace {

OutputFile page(std::string path, std::string content, std::string source) {
  OutputFile f;
  f.path = std::move(path);
  f.kind = "page";
  f.content = std::move(content);
  f.sources = {std::move(source)};
  return f;
}

}  // namespace

TEST_CASE("a committed build replaces out/ with the staged files, manifest and private README") {
  MemoryFs fs;
  fs.files["/w/out/site/old.html"] = "old";
  Diagnostics d;
  {
    Publisher p(fs, "/w/out", "42");
    REQUIRE(p.begin(d));
    p.add(page("index.html", "<p>new</p>", "content/_index.md"), d);
    CHECK(fs.files.count("/w/out.staging-42/site/index.html") == 1);
    CHECK(fs.files.count("/w/out/site/index.html") == 0);  // nothing in out/ before commit
    REQUIRE(p.commit(d));
  }
  CHECK(d.error_count() == 0);
  CHECK(fs.files.at("/w/out/site/index.html") == "<p>new</p>");
  CHECK(fs.files.count("/w/out/site/old.html") == 0);
  CHECK(fs.files.at("/w/out/private/README.txt").find("НЕ ПУБЛИКУЙТЕ") != std::string::npos);
  const std::string& manifest = fs.files.at("/w/out/manifest.json");
  CHECK(manifest.find("\"path\": \"site/index.html\"") != std::string::npos);
  CHECK(manifest.find("\"content/_index.md\"") != std::string::npos);
  for (const auto& [path, _] : fs.files) CHECK(path.find("staging") == std::string::npos);
  for (const auto& [path, _] : fs.files) CHECK(path.find(".old-") == std::string::npos);
}

TEST_CASE("a build that does not commit leaves the previous out/ as it was") {
  MemoryFs fs;
  fs.files["/w/out/site/index.html"] = "previous";
  Diagnostics d;
  {
    Publisher p(fs, "/w/out", "7");
    REQUIRE(p.begin(d));
    p.add(page("index.html", "half-done", "content/_index.md"), d);
  }  // destroyed without commit: an error happened later in the build
  CHECK(fs.files.at("/w/out/site/index.html") == "previous");
  CHECK(fs.files.size() == 1);
}

TEST_CASE("two outputs with the same path are an error that names both sources") {
  MemoryFs fs;
  Diagnostics d;
  Publisher p(fs, "/w/out", "1");
  REQUIRE(p.begin(d));
  p.add(page("a/x.html", "one", "content/a/x.md"), d);
  p.add(page("a/x.html", "two", "content/a/y.md"), d);
  REQUIRE(d.error_count() == 1);
  std::string text = format_diagnostic(d.sorted().at(0));
  CHECK(text.find("content/a/y.md: ошибка: два источника пишут один и тот же файл out/site/a/x.html: "
                  "content/a/x.md и content/a/y.md") != std::string::npos);
  CHECK(fs.files.at("/w/out.staging-1/site/a/x.html") == "one");
}

TEST_CASE("folders left by a killed build are cleaned; an interrupted swap is put back") {
  MemoryFs fs;
  // pid 999999999 is not running: its staging folder is stale, its old out/ is the real one.
  fs.files["/w/out.staging-999999999/site/x.html"] = "stale";
  fs.files["/w/out.old-999999999/site/index.html"] = "kept";
  Diagnostics d;
  Publisher p(fs, "/w/out", "5");
  REQUIRE(p.begin(d));
  CHECK(fs.files.count("/w/out.staging-999999999/site/x.html") == 0);
  CHECK(fs.files.at("/w/out/site/index.html") == "kept");
}
