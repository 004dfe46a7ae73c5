"""Law as data: the offences relevant to online hate and the crime outcome codes."""
