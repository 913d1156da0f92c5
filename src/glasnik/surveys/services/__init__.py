"""Every write of the surveys app: building surveys (`builder`) and answering them
(`responses`)."""
