// nodejieba's segmenter for WebAssembly: the cppjieba::Jieba object that nodejieba's load()
// makes (nodejieba's TextRank keyword extractor is left out, as newsproof never extracts
// keywords), behind a small C interface. The dictionaries are files of a directory /dict that
// the host provides in memory through WASI; nothing else is read or written.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cppjieba/Jieba.hpp"

#define EXPORT(name) extern "C" __attribute__((export_name(#name)))

namespace {

cppjieba::Jieba* jieba = nullptr;
// Results of the last np_tag: per word, start and end in bytes of the input and a tag id.
std::vector<uint32_t> result;
// Tags by id, and ids by tag: a part of speech travels as a number.
std::vector<std::string> tag_names;
std::unordered_map<std::string, uint32_t> tag_ids;

uint32_t IdOf(const std::string& tag) {
  auto found = tag_ids.find(tag);
  if (found != tag_ids.end()) return found->second;
  uint32_t id = static_cast<uint32_t>(tag_names.size());
  tag_names.push_back(tag);
  tag_ids.emplace(tag, id);
  return id;
}

}  // namespace

EXPORT(np_alloc) void* np_alloc(size_t size) { return malloc(size); }

EXPORT(np_free) void np_free(void* pointer) { free(pointer); }

// Loads the dictionaries, as nodejieba's load() does with the same five files.
EXPORT(np_load) int np_load() {
  delete jieba;
  jieba = new cppjieba::Jieba("/dict/jieba.dict.utf8", "/dict/hmm_model.utf8", "/dict/user.dict.utf8",
                              "/dict/idf.utf8", "/dict/stop_words.utf8");
  return 1;
}

// nodejieba's insertWord(word, tag).
EXPORT(np_insert_word) int np_insert_word(const char* word, size_t word_length, const char* tag, size_t tag_length) {
  return jieba->InsertUserWord(std::string(word, word_length), std::string(tag, tag_length)) ? 1 : 0;
}

// nodejieba's tag(text), with each word placed on the input as newsproof's align() places
// it: where the previous word ended, else its next occurrence, else not at all. Returns the
// number of words; np_result() holds three numbers per word.
EXPORT(np_tag) uint32_t np_tag(const char* text, size_t length) {
  const std::string sentence(text, length);
  std::vector<std::pair<std::string, std::string> > words;
  jieba->Tag(sentence, words);
  result.clear();
  size_t at = 0;
  for (const auto& word : words) {
    size_t start = sentence.compare(at, word.first.size(), word.first) == 0 ? at : sentence.find(word.first, at);
    if (start == std::string::npos) continue;
    at = start + word.first.size();
    result.push_back(static_cast<uint32_t>(start));
    result.push_back(static_cast<uint32_t>(at));
    result.push_back(IdOf(word.second));
  }
  return static_cast<uint32_t>(result.size() / 3);
}

EXPORT(np_result) const uint32_t* np_result() { return result.data(); }

EXPORT(np_tag_count) uint32_t np_tag_count() { return static_cast<uint32_t>(tag_names.size()); }

EXPORT(np_tag_name) const char* np_tag_name(uint32_t id) { return tag_names[id].data(); }

EXPORT(np_tag_name_length) size_t np_tag_name_length(uint32_t id) { return tag_names[id].size(); }
