-- Custom migration: DHIS2 keeps one value per data element × category option combo (per org unit and period),
-- so two product × field mapping rows may not share a target. A missing combo (DHIS2's default) counts as ''.
CREATE UNIQUE INDEX `dhis2_data_elements_target` ON `dhis2_data_elements` (`data_element_uid`, coalesce(`category_option_combo_uid`, ''));
