// View structs: what the templates see. Built from the model by the HTML renderer; templates never
// see the model itself. Strings are plain text (escaped by Mustache) unless named *_html.
#pragma once
#include <string>
#include <vector>

namespace nastavnik::html {

struct LinkView {
  std::string title, url;
  bool current = false;
};

struct DownloadView {
  std::string label, url, info;  // «Скачать PDF», …, «2 с., 38 КБ»
};

struct ListItemView {
  std::string title, url, date, number, summary, kind, org;
  std::vector<DownloadView> downloads;
};

struct PersonView {
  std::string role, name, position, phone, email;
  std::string phone_href;  // «tel:+73464300111»: digits only (a tel: URI allows no spaces)
};

struct PageView {
  // Layout
  std::string lang = "ru";
  std::string title, site_title, org_name, org_short_name, description;
  std::string root;        // relative prefix to the web root: "", "../", …
  std::string home_url;    // the organisation's landing, relative
  std::string canonical;   // absolute URL
  std::string feed_url;
  // The organisation's search page and its index, relative (a school searches its own pages, the
  // department its pages and the schools' landing pages: each index grows with one organisation).
  std::string search_url, search_index_url;
  std::string build_date;
  std::vector<LinkView> breadcrumbs;
  std::vector<LinkView> menu;
  std::string template_name;  // body template
  // Body
  std::string heading;
  std::string subtitle;  // «Приказ № 76 от 10 ноября 2021 г.»
  std::string approved;  // «УТВЕРЖДЕНО приказом … от … № …»
  std::string approved_url;
  std::string content_html;
  std::string date;
  std::vector<PersonView> people;  // curator
  std::vector<std::string> forms;  // forms in use
  std::vector<LinkView> counts;    // «Наставники: 14» as title/url pairs (url empty)
  std::vector<ListItemView> items;
  std::vector<DownloadView> downloads;
  std::vector<ListItemView> appendices;
  std::vector<ListItemView> news;
  std::string schools_html, compliance_html;
  std::string empty_text;
};

}  // namespace nastavnik::html
