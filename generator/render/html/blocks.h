// HTML of the data of the model: the tables and charts of data blocks, also used by the pages
// that show an organisation's roadmap, pairs, monitoring and events.
#pragma once
#include <string>
#include <vector>

#include "model/model.h"

namespace nastavnik::html {

struct BlockContext {
  const Site& site;
  const Org& org;           // the page's organisation
  std::string page_url;     // for relative links
};

std::string data_block(const DataBlock& b, const BlockContext& ctx);

std::string participants_table(const std::vector<const Org*>& orgs, const BlockContext& ctx,
                               const std::string& caption);
std::string pairs_table(const Org& org, const BlockContext& ctx);
std::string schools_table(const BlockContext& ctx);
std::string compliance_table(const BlockContext& ctx);
std::string events_table(const std::vector<const Org*>& orgs, const BlockContext& ctx);
std::string indicators_table(const std::vector<const Org*>& orgs, const BlockContext& ctx);
std::string roadmap_table(const Roadmap& r, const BlockContext& ctx);
std::string participants_chart(const std::vector<const Org*>& orgs, const BlockContext& ctx);
std::string indicator_chart(const std::vector<const Org*>& orgs, const std::string& indicator,
                            const BlockContext& ctx);
std::string video(const std::string& url, const std::string& title);

// A bar/line chart as inline SVG with a text alternative (its data as a table).
struct ChartSeries {
  std::string name;
  std::vector<double> values;  // NaN = no value
};
std::string svg_bar_chart(const std::string& title, const std::vector<std::string>& categories,
                          const std::vector<ChartSeries>& series, const std::string& unit);

}  // namespace nastavnik::html
