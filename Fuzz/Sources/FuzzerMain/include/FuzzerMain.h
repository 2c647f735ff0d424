// Intentionally empty: this module only provides the `<Target>_main` symbols of fuzzer_main.c.
