"""The investments' back office at /birou/investitii/: the register, an investment's page and its forms, the
four-eyes validation queue, and the stages' evidence documents."""
