// HTML of the model's tables and charts (model/tables.h): the data blocks of pages and the pages
// that show an organisation's roadmap, pairs, monitoring and events.
#pragma once
#include <string>

#include "model/model.h"
#include "model/tables.h"

namespace nastavnik::html {

struct BlockContext {
  const Site& site;
  const Org& org;        // the page's organisation
  std::string page_url;  // for relative links
};

std::string table_html(const TableData& t, const std::string& page_url);
// An inline SVG bar chart with a text alternative: its data as a table.
std::string chart_html(const ChartData& c);
std::string video_html(const std::string& url, const std::string& title);
std::string data_block(const DataBlock& b, const BlockContext& ctx);

}  // namespace nastavnik::html
