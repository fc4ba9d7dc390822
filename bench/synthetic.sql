-- Synthetic places for benchmarks: :n places, 80 % clustered around Dutch cities (normal,
-- sigma 4 km), 20 % spread over the country; attributes independent of location.
-- Coordinates in RD New (EPSG:28992). Run inside a transaction on a migrated database.
DELETE FROM places_place WHERE source = 'synthetic';
WITH cities(n, x, y) AS (VALUES
    (0, 121000, 487000), (1, 92000, 437000), (2, 136000, 455000), (3, 81000, 455000),
    (4, 155000, 463000), (5, 161000, 383000), (6, 233000, 582000), (7, 187000, 427000),
    (8, 176000, 317000), (9, 208000, 474000)),
types AS (SELECT array_agg(id ORDER BY id) AS ids FROM places_placetype),
draws AS (
    SELECT i, random() AS u0, greatest(random(), 1e-12) AS u1, random() AS u2,
           random() AS u3, random() AS u4, floor(random() * 10)::int AS city
    FROM generate_series(1, :n) AS i)
INSERT INTO places_place (
    name, slug, place_type_id, management_form, description, street, house_number, postcode,
    city, location, status, opening_hours, wheelchair, visitor_cost, visitor_cost_note,
    website, email, phone, contact_name, contact_email, contact_phone, is_published, source,
    external_id, created_at, updated_at)
SELECT
    'Synthetische plek ' || i, 'synthetisch-' || i, types.ids[1 + (i % array_length(types.ids, 1))],
    (ARRAY['zelfbeheer', 'sociaal_beheer', 'particulier_initiatief', 'gemeentelijk', 'onbekend'])[1 + i % 5],
    '', 'Synthetische straat', (i % 200)::text, '', '',
    CASE WHEN u0 < 0.8 THEN
        ST_SetSRID(ST_MakePoint(
            c.x + 4000 * sqrt(-2 * ln(u1)) * cos(2 * pi() * u2),
            c.y + 4000 * sqrt(-2 * ln(u1)) * sin(2 * pi() * u2)), 28992)
    ELSE ST_SetSRID(ST_MakePoint(20000 + u3 * 250000, 310000 + u4 * 300000), 28992) END,
    CASE WHEN i % 20 = 0 THEN 'closed' WHEN i % 20 = 1 THEN 'temporarily_closed' ELSE 'active' END,
    (ARRAY['Mo-Fr 10:00-16:00; PH off', 'Tu,Th 09:30-12:00', 'Sa 10:00-14:00', ''])[1 + i % 4],
    (ARRAY['yes', 'limited', 'no', 'unknown'])[1 + i % 4],
    (ARRAY['free', 'contribution', 'varies', 'unknown'])[1 + i % 4], '',
    '', '', '', '', '', '', i % 10 <> 0, 'synthetic', 'synthetic-' || i, now(), now()
FROM draws
JOIN cities c ON c.n = draws.city
CROSS JOIN types;
ANALYZE places_place;
