// libosmium behind cosmium.h. Two passes, as libosmium's own area examples do: the
// first collects the building multipolygon relations, the second stores node
// locations, assembles areas from closed ways and complete relations, and notes every
// building that yields none.
#include "cosmium.h"

#include <osmium/area/assembler.hpp>
#include <osmium/area/multipolygon_manager.hpp>
#include <osmium/area/problem_reporter.hpp>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/relations/relations_manager.hpp>
#include <osmium/tags/tags_filter.hpp>
#include <osmium/visitor.hpp>

#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

using Key = std::pair<char, int64_t>;  // ('w' | 'r', id)

struct Ring {
    bool outer;
    std::vector<double> lonLat;
};

struct Area {
    char type;
    int64_t id;
    std::vector<std::pair<std::string, std::string>> tags;
    std::vector<Ring> rings;
};

struct Problem {
    char type;
    int64_t id;
    std::string message;
};

bool isBuilding(const osmium::TagList& tags) {
    return tags.has_key("building") || tags.has_key("building:part");
}

/// Keeps the assembler's first complaint about each object, for the skip message.
class Complaints : public osmium::area::ProblemReporter {
public:
    std::map<Key, std::string> first;

    void report_ring_not_closed(const osmium::NodeRef& nr, const osmium::Way*) override {
        note("a ring is not closed (at node " + std::to_string(nr.ref()) + ")");
    }
    void report_intersection(osmium::object_id_type way1, osmium::Location, osmium::Location, osmium::object_id_type way2,
                             osmium::Location, osmium::Location, osmium::Location) override {
        note("its rings cross (ways " + std::to_string(way1) + " and " + std::to_string(way2) + ")");
    }
    void report_duplicate_segment(const osmium::NodeRef& a, const osmium::NodeRef& b) override {
        note("a segment repeats (nodes " + std::to_string(a.ref()) + "–" + std::to_string(b.ref()) + ")");
    }
    void report_overlapping_segment(const osmium::NodeRef& a, const osmium::NodeRef& b) override {
        note("segments overlap (nodes " + std::to_string(a.ref()) + "–" + std::to_string(b.ref()) + ")");
    }
    void report_invalid_location(osmium::object_id_type, osmium::object_id_type node) override {
        note("node " + std::to_string(node) + " is missing from the extract");
    }

private:
    void note(const std::string& what) {
        const char t = m_object_type == osmium::item_type::relation ? 'r' : 'w';
        first.emplace(Key{t, m_object_id}, what);
    }
};

/// Notes the buildings that should become areas, and those that cannot (open ways).
class Candidates : public osmium::handler::Handler {
public:
    std::set<Key> expected;
    std::vector<Problem> open;
    std::map<Key, std::pair<size_t, size_t>> missingNodes;  // (missing, of)

    void way(const osmium::Way& way) {
        if (!isBuilding(way.tags()) || way.tags().has_tag("area", "no")) return;
        const auto& nodes = way.nodes();
        if (nodes.size() < 4 || nodes.front().ref() != nodes.back().ref()) {
            open.push_back({'w', way.id(),
                            nodes.size() < 4 ? "has " + std::to_string(nodes.size()) + " nodes; a closed ring needs 4"
                                             : "is not a closed ring (its first and last nodes differ)"});
            return;
        }
        expected.insert({'w', way.id()});
        // This handler runs after the location handler, so a node without a location is
        // one the extract does not have (a way cut at the extract's edge).
        size_t missing = 0;
        for (const auto& nr : nodes) missing += nr.location().valid() ? 0 : 1;
        if (missing > 0) missingNodes[{'w', way.id()}] = {missing, nodes.size()};
    }

    void relation(const osmium::Relation& relation) {
        const char* type = relation.tags().get_value_by_key("type");
        if (type && !std::strcmp(type, "multipolygon") && isBuilding(relation.tags())) {
            expected.insert({'r', relation.id()});
        }
    }
};

/// Copies each assembled building area out of libosmium's buffers.
class Collector : public osmium::handler::Handler {
public:
    std::vector<Area>* areas;

    void area(const osmium::Area& area) {
        Area out;
        out.type = area.from_way() ? 'w' : 'r';
        out.id = area.orig_id();
        for (const auto& tag : area.tags()) out.tags.emplace_back(tag.key(), tag.value());
        for (const auto& outer : area.outer_rings()) {
            Ring o = copy(outer, true);
            if (o.lonLat.empty()) continue;  // a node without a location: the ring is unusable
            out.rings.push_back(std::move(o));
            for (const auto& inner : area.inner_rings(outer)) {
                Ring i = copy(inner, false);
                if (!i.lonLat.empty()) out.rings.push_back(std::move(i));
            }
        }
        if (!out.rings.empty()) areas->push_back(std::move(out));
    }

private:
    template <typename R>
    static Ring copy(const R& ring, bool outer) {
        Ring r{outer, {}};
        r.lonLat.reserve(ring.size() * 2);
        for (const auto& nr : ring) {
            const auto& loc = nr.location();
            if (!loc.valid()) return Ring{outer, {}};
            r.lonLat.push_back(loc.lon());
            r.lonLat.push_back(loc.lat());
        }
        return r;
    }
};

void copyError(const std::string& text, char* error, size_t size) {
    if (error && size > 0) std::snprintf(error, size, "%s", text.c_str());
}

}  // namespace

struct cosmium_extract {
    std::vector<Area> areas;
    std::vector<Problem> problems;
};

extern "C" cosmium_extract* cosmium_read(const char* path, const char* format, char* error, size_t error_size) {
    try {
        const osmium::io::File file = format ? osmium::io::File{path, format} : osmium::io::File{path};
        auto extract = new cosmium_extract();
        std::unique_ptr<cosmium_extract> guard{extract};

        Complaints complaints;
        osmium::area::Assembler::config_type config;
        config.problem_reporter = &complaints;
        config.create_empty_areas = false;
        osmium::TagsFilter filter{false};
        filter.add_rule(true, osmium::TagMatcher{"building"});
        filter.add_rule(true, osmium::TagMatcher{"building:part"});
        osmium::area::MultipolygonManager<osmium::area::Assembler> manager{config, filter};

        osmium::relations::read_relations(file, manager);

        using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
        Index index;
        osmium::handler::NodeLocationsForWays<Index> locations{index};
        locations.ignore_errors();
        Candidates candidates;
        Collector collector;
        collector.areas = &extract->areas;

        osmium::io::Reader reader{file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way |
                                            osmium::osm_entity_bits::relation};
        osmium::apply(reader, locations, candidates,
                      manager.handler([&collector](osmium::memory::Buffer&& buffer) {
                          osmium::apply(buffer, collector);
                      }));
        reader.close();

        // Every expected building without an area is a problem, with the best reason known.
        std::set<Key> made;
        for (const auto& a : extract->areas) made.insert({a.type, a.id});
        std::set<Key> incomplete;
        manager.for_each_incomplete_relation([&](const osmium::relations::RelationHandle& handle) {
            incomplete.insert({'r', handle->id()});
        });
        extract->problems = std::move(candidates.open);
        for (const auto& key : candidates.expected) {
            if (made.count(key)) continue;
            std::string why;
            if (auto it = candidates.missingNodes.find(key); it != candidates.missingNodes.end()) {
                why = std::to_string(it->second.first) + " of its " + std::to_string(it->second.second) +
                      " nodes are missing from the extract (cut at its edge?)";
            } else if (incomplete.count(key)) {
                why = "some of its member ways are missing from the extract";
            } else if (auto it = complaints.first.find(key); it != complaints.first.end()) {
                why = "its rings could not be assembled: " + it->second;
            } else {
                why = "its rings could not be assembled (missing nodes or broken rings)";
            }
            extract->problems.push_back({key.first, key.second, why});
        }
        guard.release();
        return extract;
    } catch (const std::exception& e) {
        copyError(e.what(), error, error_size);
    } catch (...) {
        copyError("unknown error while reading", error, error_size);
    }
    return nullptr;
}

extern "C" void cosmium_free(cosmium_extract* extract) { delete extract; }

extern "C" size_t cosmium_area_count(const cosmium_extract* x) { return x->areas.size(); }
extern "C" char cosmium_area_type(const cosmium_extract* x, size_t a) { return x->areas[a].type; }
extern "C" int64_t cosmium_area_id(const cosmium_extract* x, size_t a) { return x->areas[a].id; }
extern "C" size_t cosmium_tag_count(const cosmium_extract* x, size_t a) { return x->areas[a].tags.size(); }
extern "C" const char* cosmium_tag_key(const cosmium_extract* x, size_t a, size_t t) {
    return x->areas[a].tags[t].first.c_str();
}
extern "C" const char* cosmium_tag_value(const cosmium_extract* x, size_t a, size_t t) {
    return x->areas[a].tags[t].second.c_str();
}
extern "C" size_t cosmium_ring_count(const cosmium_extract* x, size_t a) { return x->areas[a].rings.size(); }
extern "C" int cosmium_ring_is_outer(const cosmium_extract* x, size_t a, size_t r) {
    return x->areas[a].rings[r].outer ? 1 : 0;
}
extern "C" const double* cosmium_ring(const cosmium_extract* x, size_t a, size_t r, size_t* count) {
    const auto& ring = x->areas[a].rings[r].lonLat;
    *count = ring.size() / 2;
    return ring.data();
}
extern "C" size_t cosmium_problem_count(const cosmium_extract* x) { return x->problems.size(); }
extern "C" char cosmium_problem_type(const cosmium_extract* x, size_t p) { return x->problems[p].type; }
extern "C" int64_t cosmium_problem_id(const cosmium_extract* x, size_t p) { return x->problems[p].id; }
extern "C" const char* cosmium_problem_message(const cosmium_extract* x, size_t p) {
    return x->problems[p].message.c_str();
}
