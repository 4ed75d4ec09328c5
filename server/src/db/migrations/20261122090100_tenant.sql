-- A tenant is a Pemda (kabupaten/kota or province), identified by its region code. Everything a
-- tenant owns carries this code in its primary key (ARCHITECTURE.md, scale-out).
CREATE TABLE tenant (
  region_code text COLLATE "C" PRIMARY KEY REFERENCES region (code),
  name        text NOT NULL,
  -- Demo tenants are seeded for `npm start`; production data never has this set.
  demo        boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
