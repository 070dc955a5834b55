// Links between outputs: every output has a path in the web root; links are written relative to
// the page, so a site works from the file system and from any sub-path of base_url.
#pragma once
#include <string>

namespace nastavnik {

// "../../" for "schools/x/index.html"
std::string root_prefix(const std::string& from_url);
// Relative link from one web-root path to another: ("a/b.html", "c/d.html") → "../c/d.html".
std::string relative_url(const std::string& from_url, const std::string& to_url);
// A tel: URI from a phone number as people write it: «8 (34643) 0-01-11» → "tel:+73464300111"
// (RFC 3966: no spaces; a Russian trunk prefix 8 of an 11-digit number becomes +7). Empty when the
// text has fewer than 5 digits (not a phone number: no link).
std::string tel_uri(const std::string& phone);

}  // namespace nastavnik
