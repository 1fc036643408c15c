/* The site search's worker: mkdocs-material's own search worker, plus German stemming while you type.
 *
 * With `pipeline: [stemmer, …]` (mkdocs.yml) the index holds word stems: »Grundschulen« → "grundschul",
 * »Fachkräfte« → "fachkraft". Material appends "*" to every query word (type-ahead), and lunr runs no
 * pipeline – so no stemmer – on a word with a wildcard: "fachkräfte*" would match nothing. Here lunr's
 * own stemmer shortens such a word before the lookup: "fachkräfte*" → "fachkraft*". A stem is a prefix
 * of its word, so a query still finds every word that begins with the typed letters, and now also every
 * inflected form. Results and suggestions show words, not stems. (A word typed only up to inside an
 * ending the stemmer removes, »Beratu…« of »Beratung« – indexed as "berat" –, finds less until complete.)
 *
 * Material 9 removed its hook for query transforms, so overrides/main.html names this file as the
 * search worker, with Material's worker in the query string (?material=search.<hash>.min.js).
 */
"use strict"

const SETUP = 0, QUERY = 2, RESULT = 3 // Material's SearchMessageType

let index = null // { config, docs } from the setup message
const typed = new Map() // stem → word as typed, in the current query
let lastWord = "" // the query's last word, which a suggestion completes
let titleWords = null // stem → words of page titles, for suggestions

// Registered before Material's worker, so it sees each message before Material handles it.
addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    index = message.data
    titleWords = null
  } else if (message.type === QUERY) {
    typed.clear()
    lastWord = ""
  }
})

const material = new URL(self.location.href).searchParams.get("material") || ""
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
  throw new Error(`search-stemming.js: Material's search worker is missing (?material=${material})`)
importScripts(material) // Material's worker: sets self.lunr and answers the theme's messages
if (typeof lunr !== "undefined") { // a worker without lunr (as Zensical's may be) is left as it is
  stemQueries()
  showWordsInResults()
}

// The index language's stemmer, if the index is stemmed (one language only).
function stemmer() {
  const config = index && index.config
  if (!config || !config.pipeline.includes("stemmer") || config.lang.length !== 1)
    return null
  const lang = config.lang[0] === "en" ? lunr : lunr[config.lang[0]]
  return lang ? lang.stemmer : null
}

function stem(word) {
  return stemmer()(new lunr.Token(word, {})).toString()
}

// Each word of a typed query is looked up by its stem: "grundschulen" as "grundschul"; a word with
// Material's "*" as the prefix "grundschul*" and, so that the word itself ranks above longer words that
// begin with it, also as "grundschul". Clauses with a wildcard option (Material's suggestions, built from
// stems already) and words with other wildcards stay as they are.
function stemQueries() {
  const clause = lunr.Query.prototype.clause
  lunr.Query.prototype.clause = function (c) {
    if ("wildcard" in c || !/^[^*]+\*?$/.test(c.term) || !stemmer())
      return clause.call(this, c)
    const prefix = c.term.endsWith("*")
    const word = prefix ? c.term.slice(0, -1) : c.term
    const stemmed = stem(word) || word
    typed.set(stemmed, word)
    lastWord = word
    c.term = prefix ? `${stemmed}*` : stemmed
    c.usePipeline = false // stemmed here; lunr's search pipeline for German is the stemmer alone
    clause.call(this, c)
    if (prefix && c.presence !== lunr.Query.presence.PROHIBITED)
      clause.call(this, { term: stemmed, usePipeline: false, ...c.fields && { fields: c.fields }, boost: c.boost })
    return this
  }
}

// Answers name the typed words: "Es fehlt: grundschulen" under a result, a whole title word as suggestion.
function showWordsInResults() {
  const post = self.postMessage.bind(self)
  self.postMessage = message => {
    if (message.type === RESULT && stemmer())
      showWords(message.data)
    return post(message)
  }
}

function showWords(result) {
  for (const group of result.items)
    for (const item of group)
      item.terms = Object.fromEntries(Object.entries(item.terms)
        .map(([term, found]) => [typed.get(term) || term, found]))
  if (result.suggest)
    result.suggest = result.suggest.map(suggestion)
}

// The shortest title word with this stem, preferring one that begins like the last typed word.
function suggestion(term) {
  titleWords = titleWords || wordsOfTitles()
  const words = [...titleWords.get(term) || []].sort((a, b) => a.length - b.length || a.localeCompare(b))
  return words.find(word => word.startsWith(lastWord)) || words[0] || term
}

function wordsOfTitles() {
  const words = new Map()
  const separator = new RegExp(index.config.separator)
  for (const doc of index.docs)
    for (const word of doc.title.replace(/<[^>]*>/g, " ").toLowerCase().split(separator))
      if (word) {
        const stemmed = stem(word)
        words.set(stemmed, (words.get(stemmed) || new Set()).add(word))
      }
  return words
}
