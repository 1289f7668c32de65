"""The procedures' back office at /birou/proceduri/: the register and each procedure's page for the quality manager,
"procedures to read" for every staff member, "my department" for heads."""
