// The schema of examples/statement/statement.msv, built by hand as the compiler would build it.
#pragma once

#include <memory>

#include "runtime/data/schema.h"

namespace missive::data::testing {

inline TypeDesc Scalar(Type type, bool optional = false) { return TypeDesc{type, optional, nullptr, nullptr}; }

inline TypeDesc RecordOf(const RecordDesc* record, bool optional = false) {
  return TypeDesc{Type::Record, optional, record, nullptr};
}

inline TypeDesc ListOf(TypeDesc element, bool optional = false) {
  return TypeDesc{Type::List, optional, nullptr, std::make_shared<const TypeDesc>(std::move(element))};
}

inline FieldDesc Field(std::string name, TypeDesc type, std::optional<value::Value> def = std::nullopt,
                       bool is_key = false) {
  return FieldDesc{std::move(name), std::move(type), std::move(def), is_key};
}

/// Customer { id @key, name, language = "en", email?, phone?, consent, address?, account }.
inline Schema StatementSchema() {
  Schema s;
  auto add = [&s](std::string name) {
    s.records.push_back(std::make_unique<RecordDesc>());
    s.records.back()->name = std::move(name);
    return s.records.back().get();
  };
  RecordDesc* transaction = add("Transaction");
  transaction->AddField(Field("date", Scalar(Type::Date)));
  transaction->AddField(Field("description", Scalar(Type::String)));
  transaction->AddField(Field("amount", Scalar(Type::Decimal)));
  RecordDesc* account = add("Account");
  account->AddField(Field("number", Scalar(Type::String)));
  account->AddField(Field("currency", Scalar(Type::Currency)));
  account->AddField(Field("opening_balance", Scalar(Type::Decimal)));
  account->AddField(Field("transactions", ListOf(RecordOf(transaction))));
  RecordDesc* consent = add("Consent");
  consent->AddField(Field("email", Scalar(Type::Bool), value::Value(false)));
  consent->AddField(Field("sms", Scalar(Type::Bool), value::Value(false)));
  RecordDesc* address = add("Address");
  address->AddField(Field("line1", Scalar(Type::String)));
  address->AddField(Field("line2", Scalar(Type::String, true)));
  address->AddField(Field("city", Scalar(Type::String)));
  address->AddField(Field("postcode", Scalar(Type::String)));
  address->AddField(Field("country", Scalar(Type::Country)));
  RecordDesc* customer = add("Customer");
  customer->AddField(Field("id", Scalar(Type::String), std::nullopt, true));
  customer->AddField(Field("name", Scalar(Type::String)));
  customer->AddField(Field("language", Scalar(Type::Locale), value::Value(std::string("en"))));
  customer->AddField(Field("email", Scalar(Type::Email, true)));
  customer->AddField(Field("phone", Scalar(Type::Phone, true)));
  customer->AddField(Field("consent", RecordOf(consent)));
  customer->AddField(Field("address", RecordOf(address, true)));
  customer->AddField(Field("account", RecordOf(account)));
  s.input = customer;
  return s;
}

}  // namespace missive::data::testing
