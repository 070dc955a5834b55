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
