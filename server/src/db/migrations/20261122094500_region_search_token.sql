-- Typeahead fast path. Trigram search over 91,599 names costs 5–30 ms a query on a 2-core
-- machine because common syllables (suk, uka, kam…) have long posting lists. Most typed queries
-- are the start of a word, so every word-start suffix of a name is kept here ("kabupaten
-- banyuwangi" → "kabupaten banyuwangi", "banyuwangi") and a prefix becomes a btree range scan.
-- The ranking columns are copied in so that ranking needs no join, and the covering index lets
-- the scan read the index alone. Trigram search on region stays as the fallback for typos.
-- Only active regions have tokens.
CREATE TABLE region_search_token (
  token       text COLLATE "C" NOT NULL,
  region_code text COLLATE "C" NOT NULL REFERENCES region (code),
  -- The token is the region's name proper: the whole name, or the name after "Kabupaten"/"Kota".
  whole       boolean NOT NULL,
  -- 1 provinsi … 4 desa/kelurahan: larger regions rank first among equal matches.
  level_rank  smallint NOT NULL,
  name_length smallint NOT NULL,
  PRIMARY KEY (token, region_code)
);

CREATE INDEX region_search_token_covering_idx
  ON region_search_token (token) INCLUDE (region_code, whole, level_rank, name_length);
