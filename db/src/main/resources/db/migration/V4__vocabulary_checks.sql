-- PostgreSQL checks a foreign key row by row with a trigger: a 1,000,000-row symptom merge took 4x as long with
-- them. The vocabulary columns are checked instead by CHECK constraints, evaluated in line, that the repeatable
-- migration R__Vocabularies generates from the model's enums (and re-creates whenever a code changes). The
-- vocabulary tables stay, filled from the same enums, for SQL readers who list or join the codes.
alter table patient drop constraint patient_sex_fkey, drop constraint patient_cd_pattern_fkey;
alter table visit drop constraint visit_product_fkey;
alter table visit_muscle drop constraint visit_muscle_muscle_fkey, drop constraint visit_muscle_side_fkey,
    drop constraint visit_muscle_guidance_fkey;
alter table symptom drop constraint symptom_kind_fkey, drop constraint symptom_source_fkey,
    drop constraint symptom_kind_term_fkey;
