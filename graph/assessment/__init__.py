"""Assessment of an incident: crime / NCHI / intelligence / no further action, with reasons."""
