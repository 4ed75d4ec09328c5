-- The Kemendagri region tree (provinsi → kabupaten/kota → kecamatan → desa/kelurahan).
-- Reference data shared by every tenant, so it carries no tenant column.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE region (
  -- Dotted Kemendagri code. COLLATE "C" lets the primary-key index serve `code LIKE '35.10.%'`.
  code          text COLLATE "C" PRIMARY KEY,
  level         text NOT NULL CHECK (level IN ('provinsi', 'kabupaten_kota', 'kecamatan', 'desa_kelurahan')),
  kind          text NOT NULL CHECK (kind IN ('provinsi', 'kabupaten', 'kota', 'kecamatan', 'desa', 'kelurahan')),
  name          text NOT NULL,
  -- Lower-case, accents and punctuation removed (done in the importer, identically for the query),
  -- so one trigram index serves case/accent-insensitive and typo-tolerant search.
  search_name   text NOT NULL,
  parent_code   text COLLATE "C" REFERENCES region (code),
  province_code text COLLATE "C" NOT NULL,
  time_zone     text NOT NULL CHECK (time_zone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
  children_count integer NOT NULL DEFAULT 0,
  -- A code dropped by a newer data release (pemekaran, merger) is kept, not deleted: NIKs and old
  -- records still name it.
  active        boolean NOT NULL DEFAULT true,
  CHECK ((level = 'provinsi') = (parent_code IS NULL))
);

CREATE INDEX region_parent_idx ON region (parent_code, name);
CREATE INDEX region_search_trgm_idx ON region USING gin (search_name gin_trgm_ops);

-- Attributes that change by regulation (3T status and the like) are data, with the period and the
-- legal source, so a new Perpres is a data change, not a code change.
CREATE TABLE region_attribute (
  region_code text COLLATE "C" NOT NULL REFERENCES region (code),
  attribute   text NOT NULL CHECK (attribute IN ('daerah_tertinggal', 'pulau_terluar', 'perbatasan')),
  period      text NOT NULL,
  source      text NOT NULL,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (region_code, attribute, period)
);

-- One row per import run, so `readyz` and the admin can tell which data release is loaded.
CREATE TABLE region_import (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source       text NOT NULL,
  version      text NOT NULL,
  counts       jsonb NOT NULL,
  imported_at  timestamptz NOT NULL DEFAULT now()
);
