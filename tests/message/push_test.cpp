// Push payloads: the FCM v1 shape with the APNs payload inside, and their limits.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "runtime/render/mobile/mobile.h"
#include "tests/message/message_helpers.h"

using namespace missive;
using namespace missive::message_test;

TEST_CASE("a push payload in the shape FCM v1 and APNs accept") {
  Tree t;
  compose::Message m;
  m.channel = compose::Channel::Push;
  m.to = "device-token-1";
  m.subject = "Your statement is ready";
  m.body = List(t.Paragraph("Balance £7.50"));
  m.data = {{"doc", "T1"}};
  m.collapse = "statement";
  m.ttl = 86400;
  const render::MobileMessage push = render::ComposePush(m, "key");
  REQUIRE(push.error.empty());
  const auto j = nlohmann::json::parse(push.bytes);
  CHECK(j["message"]["token"] == "device-token-1");
  CHECK(j["message"]["notification"] ==
        nlohmann::json{{"title", "Your statement is ready"}, {"body", "Balance £7.50"}});
  CHECK(j["message"]["data"]["doc"] == "T1");
  CHECK(j["message"]["android"]["collapse_key"] == "statement");
  CHECK(j["message"]["android"]["ttl"] == "86400s");
  CHECK(j["message"]["apns"]["headers"]["apns-collapse-id"] == "statement");
  CHECK(j["message"]["apns"]["payload"]["aps"]["alert"]["body"] == "Balance £7.50");
  CHECK(j["message"]["apns"]["payload"]["doc"] == "T1");
  CHECK(j["idempotency_key"] == "key");
}

TEST_CASE("push limits: 4096 bytes, four weeks, 64-byte collapse ids") {
  Tree t;
  compose::Message m;
  m.channel = compose::Channel::Push;
  m.to = "token";
  m.subject = "t";
  m.body = List(t.Paragraph(std::string(4000, 'x')));
  CHECK(render::ComposePush(m, "k").error.find("the limit is 4096") != std::string::npos);
  m.body = List(t.Paragraph("short"));
  m.ttl = 29 * 24 * 3600;
  CHECK(render::ComposePush(m, "k").error.find("four weeks") != std::string::npos);
  m.ttl.reset();
  m.collapse = std::string(65, 'c');
  CHECK(render::ComposePush(m, "k").error.find("at most 64") != std::string::npos);
}
