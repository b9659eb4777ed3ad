"""The extract layer: records (groups, events, people, places, tolls) from parsed sentences.
Imports the parse layer and below."""
