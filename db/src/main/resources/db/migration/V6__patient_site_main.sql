-- input-formats.md: a patient's site defaults to main. Ingest stores it so (an absent cell and "main" are one value, so a
-- patients row with either one counts unchanged against the other); patients stored before with no site get it too.
update patient set site_id = 'main' where site_id is null;
