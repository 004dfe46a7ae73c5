// Reference data: forces, postcode districts, platforms.
// params:
CREATE CONSTRAINT force_code IF NOT EXISTS FOR (f:Force) REQUIRE f.code IS UNIQUE;
CREATE CONSTRAINT postcode_district_code IF NOT EXISTS FOR (d:PostcodeDistrict) REQUIRE d.code IS UNIQUE;
CREATE CONSTRAINT platform_id IF NOT EXISTS FOR (p:Platform) REQUIRE p.id IS UNIQUE;
