#include <catch2/catch.hpp>

#include "render/html/urls.h"

using namespace nastavnik;

TEST_CASE("tel: links have no spaces (RFC 3966)") {
  CHECK(tel_uri("8 (34643) 0-01-11") == "tel:+73464300111");
  CHECK(tel_uri("+7 (34643) 0-01-11") == "tel:+73464300111");
  CHECK(tel_uri("7 346 430 01 11") == "tel:+73464300111");
  CHECK(tel_uri("0-01-11") == "tel:00111");
  CHECK(tel_uri("8 (48332) 0-00-01, доб. 12") == "tel:+74833200001");
  CHECK(tel_uri("нет") == "");
  CHECK(tel_uri("01") == "");
  CHECK(tel_uri("") == "");
}

TEST_CASE("relative links between pages") {
  CHECK(root_prefix("schools/x/index.html") == "../../");
  CHECK(relative_url("schools/x/index.html", "documents/a.html") == "../../documents/a.html");
  CHECK(relative_url("index.html", "schools/x/index.html") == "schools/x/index.html");
}

TEST_CASE("sitemap: one file up to the protocol's limit, an index of parts beyond it") {
  auto one = sitemap_files("https://x.example/n/", "2024-09-30", {"index.html", "a/b.html"});
  REQUIRE(one.size() == 1);
  CHECK(one[0].first == "sitemap.xml");
  CHECK(one[0].second.find("<urlset") != std::string::npos);
  CHECK(one[0].second.find("<loc>https://x.example/n/</loc>") != std::string::npos);
  CHECK(one[0].second.find("<loc>https://x.example/n/a/b.html</loc><lastmod>2024-09-30</lastmod>") != std::string::npos);

  std::vector<std::string> urls = {"a.html", "b.html", "c.html", "d.html", "e.html"};
  auto parts = sitemap_files("https://x.example/", "2024-09-30", urls, 2);
  REQUIRE(parts.size() == 4);  // three parts of at most two addresses, then the index
  CHECK(parts[0].first == "sitemap-1.xml");
  CHECK(parts[2].first == "sitemap-3.xml");
  CHECK(parts[3].first == "sitemap.xml");
  CHECK(parts[3].second.find("<sitemapindex") != std::string::npos);
  CHECK(parts[3].second.find("<loc>https://x.example/sitemap-3.xml</loc>") != std::string::npos);
  CHECK(parts[3].second.find("<url>") == std::string::npos);
  size_t total = 0;
  for (size_t i = 0; i < 3; ++i) {
    size_t n = 0;
    for (size_t at = 0; (at = parts[i].second.find("<url>", at)) != std::string::npos; ++at) ++n;
    CHECK(n <= 2);
    total += n;
  }
  CHECK(total == urls.size());
  CHECK(parts[2].second.find("e.html") != std::string::npos);
}
