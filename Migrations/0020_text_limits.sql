-- 0020_text_limits.sql — every text a person types has a length limit in the store as well as
-- in its form (issue 15): a form names the limit next to the field; these triggers are the floor
-- beneath every other way in (an import, a script, a form that forgot), so that no text can make
-- a public page balloon (a 100,000-character milestone title once made the program page 207 KB).
--
-- * Admin texts follow FieldLimit: 500 characters for a line (titles, names, places, references),
--   10,000 for a paragraph (descriptions, notes, mandates, announcements…); citizens' texts follow
--   ProposalForm, TriagePages and ReviewComments (150 for a title, 5,000 for a description…).
-- * One BEFORE INSERT and one BEFORE UPDATE OF trigger per column, so the error names the column:
--   "text too long: proposals.title (at most 150 characters)". The portal answers it with a 413
--   (Site.respond); TextLimitTests checks every TEXT column of every table is limited here or
--   listed as written by the portal itself (codes, times, hashes, snapshots).
-- * length() counts characters of a TEXT value, as the forms do.


-- activities
CREATE TRIGGER text_limit_activities_title_ar_insert BEFORE INSERT ON activities WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: activities.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_activities_title_ar_update BEFORE UPDATE OF title_ar ON activities WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: activities.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_activities_title_fr_insert BEFORE INSERT ON activities WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: activities.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_activities_title_fr_update BEFORE UPDATE OF title_fr ON activities WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: activities.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_activities_cost_text_ar_insert BEFORE INSERT ON activities WHEN length(NEW.cost_text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activities.cost_text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_activities_cost_text_ar_update BEFORE UPDATE OF cost_text_ar ON activities WHEN length(NEW.cost_text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activities.cost_text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_activities_cost_text_fr_insert BEFORE INSERT ON activities WHEN length(NEW.cost_text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activities.cost_text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_activities_cost_text_fr_update BEFORE UPDATE OF cost_text_fr ON activities WHEN length(NEW.cost_text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activities.cost_text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_activities_funding_ar_insert BEFORE INSERT ON activities WHEN length(NEW.funding_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: activities.funding_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_activities_funding_ar_update BEFORE UPDATE OF funding_ar ON activities WHEN length(NEW.funding_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: activities.funding_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_activities_funding_fr_insert BEFORE INSERT ON activities WHEN length(NEW.funding_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: activities.funding_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_activities_funding_fr_update BEFORE UPDATE OF funding_fr ON activities WHEN length(NEW.funding_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: activities.funding_fr (at most 500 characters)'); END;

-- activity_progress
CREATE TRIGGER text_limit_activity_progress_reason_ar_insert BEFORE INSERT ON activity_progress WHEN length(NEW.reason_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activity_progress.reason_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_activity_progress_reason_ar_update BEFORE UPDATE OF reason_ar ON activity_progress WHEN length(NEW.reason_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activity_progress.reason_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_activity_progress_reason_fr_insert BEFORE INSERT ON activity_progress WHEN length(NEW.reason_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activity_progress.reason_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_activity_progress_reason_fr_update BEFORE UPDATE OF reason_fr ON activity_progress WHEN length(NEW.reason_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activity_progress.reason_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_activity_progress_note_ar_insert BEFORE INSERT ON activity_progress WHEN length(NEW.note_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activity_progress.note_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_activity_progress_note_ar_update BEFORE UPDATE OF note_ar ON activity_progress WHEN length(NEW.note_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activity_progress.note_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_activity_progress_note_fr_insert BEFORE INSERT ON activity_progress WHEN length(NEW.note_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activity_progress.note_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_activity_progress_note_fr_update BEFORE UPDATE OF note_fr ON activity_progress WHEN length(NEW.note_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: activity_progress.note_fr (at most 10000 characters)'); END;

-- axes
CREATE TRIGGER text_limit_axes_title_ar_insert BEFORE INSERT ON axes WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: axes.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_axes_title_ar_update BEFORE UPDATE OF title_ar ON axes WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: axes.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_axes_title_fr_insert BEFORE INSERT ON axes WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: axes.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_axes_title_fr_update BEFORE UPDATE OF title_fr ON axes WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: axes.title_fr (at most 500 characters)'); END;

-- calls
CREATE TRIGGER text_limit_calls_title_ar_insert BEFORE INSERT ON calls WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: calls.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_calls_title_ar_update BEFORE UPDATE OF title_ar ON calls WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: calls.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_calls_title_fr_insert BEFORE INSERT ON calls WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: calls.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_calls_title_fr_update BEFORE UPDATE OF title_fr ON calls WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: calls.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_calls_announcement_ar_insert BEFORE INSERT ON calls WHEN length(NEW.announcement_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: calls.announcement_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_calls_announcement_ar_update BEFORE UPDATE OF announcement_ar ON calls WHEN length(NEW.announcement_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: calls.announcement_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_calls_announcement_fr_insert BEFORE INSERT ON calls WHEN length(NEW.announcement_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: calls.announcement_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_calls_announcement_fr_update BEFORE UPDATE OF announcement_fr ON calls WHEN length(NEW.announcement_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: calls.announcement_fr (at most 10000 characters)'); END;

-- charter_commitments
CREATE TRIGGER text_limit_charter_commitments_text_ar_insert BEFORE INSERT ON charter_commitments WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_commitments.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_commitments_text_ar_update BEFORE UPDATE OF text_ar ON charter_commitments WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_commitments.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_commitments_text_fr_insert BEFORE INSERT ON charter_commitments WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_commitments.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_commitments_text_fr_update BEFORE UPDATE OF text_fr ON charter_commitments WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_commitments.text_fr (at most 10000 characters)'); END;

-- charter_preamble
CREATE TRIGGER text_limit_charter_preamble_text_ar_insert BEFORE INSERT ON charter_preamble WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_preamble.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_preamble_text_ar_update BEFORE UPDATE OF text_ar ON charter_preamble WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_preamble.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_preamble_text_fr_insert BEFORE INSERT ON charter_preamble WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_preamble.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_preamble_text_fr_update BEFORE UPDATE OF text_fr ON charter_preamble WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_preamble.text_fr (at most 10000 characters)'); END;

-- charter_sections
CREATE TRIGGER text_limit_charter_sections_heading_ar_insert BEFORE INSERT ON charter_sections WHEN length(NEW.heading_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: charter_sections.heading_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_charter_sections_heading_ar_update BEFORE UPDATE OF heading_ar ON charter_sections WHEN length(NEW.heading_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: charter_sections.heading_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_charter_sections_heading_fr_insert BEFORE INSERT ON charter_sections WHEN length(NEW.heading_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: charter_sections.heading_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_charter_sections_heading_fr_update BEFORE UPDATE OF heading_fr ON charter_sections WHEN length(NEW.heading_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: charter_sections.heading_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_charter_sections_body_ar_insert BEFORE INSERT ON charter_sections WHEN length(NEW.body_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_sections.body_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_sections_body_ar_update BEFORE UPDATE OF body_ar ON charter_sections WHEN length(NEW.body_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_sections.body_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_sections_body_fr_insert BEFORE INSERT ON charter_sections WHEN length(NEW.body_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_sections.body_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_sections_body_fr_update BEFORE UPDATE OF body_fr ON charter_sections WHEN length(NEW.body_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_sections.body_fr (at most 10000 characters)'); END;

-- charter_values
CREATE TRIGGER text_limit_charter_values_text_ar_insert BEFORE INSERT ON charter_values WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_values.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_values_text_ar_update BEFORE UPDATE OF text_ar ON charter_values WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_values.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_values_text_fr_insert BEFORE INSERT ON charter_values WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_values.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_charter_values_text_fr_update BEFORE UPDATE OF text_fr ON charter_values WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: charter_values.text_fr (at most 10000 characters)'); END;

-- committee_members
CREATE TRIGGER text_limit_committee_members_honorific_ar_insert BEFORE INSERT ON committee_members WHEN length(NEW.honorific_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.honorific_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committee_members_honorific_ar_update BEFORE UPDATE OF honorific_ar ON committee_members WHEN length(NEW.honorific_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.honorific_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committee_members_honorific_fr_insert BEFORE INSERT ON committee_members WHEN length(NEW.honorific_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.honorific_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committee_members_honorific_fr_update BEFORE UPDATE OF honorific_fr ON committee_members WHEN length(NEW.honorific_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.honorific_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committee_members_name_ar_insert BEFORE INSERT ON committee_members WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committee_members_name_ar_update BEFORE UPDATE OF name_ar ON committee_members WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committee_members_name_fr_insert BEFORE INSERT ON committee_members WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committee_members_name_fr_update BEFORE UPDATE OF name_fr ON committee_members WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committee_members_function_ar_insert BEFORE INSERT ON committee_members WHEN length(NEW.function_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.function_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committee_members_function_ar_update BEFORE UPDATE OF function_ar ON committee_members WHEN length(NEW.function_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.function_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committee_members_function_fr_insert BEFORE INSERT ON committee_members WHEN length(NEW.function_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.function_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committee_members_function_fr_update BEFORE UPDATE OF function_fr ON committee_members WHEN length(NEW.function_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committee_members.function_fr (at most 500 characters)'); END;

-- committees
CREATE TRIGGER text_limit_committees_name_ar_insert BEFORE INSERT ON committees WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committees.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committees_name_ar_update BEFORE UPDATE OF name_ar ON committees WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committees.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committees_name_fr_insert BEFORE INSERT ON committees WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committees.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committees_name_fr_update BEFORE UPDATE OF name_fr ON committees WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committees.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committees_decided_by_ar_insert BEFORE INSERT ON committees WHEN length(NEW.decided_by_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committees.decided_by_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committees_decided_by_ar_update BEFORE UPDATE OF decided_by_ar ON committees WHEN length(NEW.decided_by_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committees.decided_by_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committees_decided_by_fr_insert BEFORE INSERT ON committees WHEN length(NEW.decided_by_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committees.decided_by_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committees_decided_by_fr_update BEFORE UPDATE OF decided_by_fr ON committees WHEN length(NEW.decided_by_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committees.decided_by_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committees_mandate_ar_insert BEFORE INSERT ON committees WHEN length(NEW.mandate_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: committees.mandate_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_committees_mandate_ar_update BEFORE UPDATE OF mandate_ar ON committees WHEN length(NEW.mandate_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: committees.mandate_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_committees_mandate_fr_insert BEFORE INSERT ON committees WHEN length(NEW.mandate_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: committees.mandate_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_committees_mandate_fr_update BEFORE UPDATE OF mandate_fr ON committees WHEN length(NEW.mandate_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: committees.mandate_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_committees_decision_number_insert BEFORE INSERT ON committees WHEN length(NEW.decision_number) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committees.decision_number (at most 500 characters)'); END;
CREATE TRIGGER text_limit_committees_decision_number_update BEFORE UPDATE OF decision_number ON committees WHEN length(NEW.decision_number) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: committees.decision_number (at most 500 characters)'); END;

-- communes
CREATE TRIGGER text_limit_communes_name_ar_insert BEFORE INSERT ON communes WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_name_ar_update BEFORE UPDATE OF name_ar ON communes WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_name_fr_insert BEFORE INSERT ON communes WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_name_fr_update BEFORE UPDATE OF name_fr ON communes WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_region_ar_insert BEFORE INSERT ON communes WHEN length(NEW.region_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.region_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_region_ar_update BEFORE UPDATE OF region_ar ON communes WHEN length(NEW.region_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.region_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_region_fr_insert BEFORE INSERT ON communes WHEN length(NEW.region_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.region_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_region_fr_update BEFORE UPDATE OF region_fr ON communes WHEN length(NEW.region_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.region_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_province_ar_insert BEFORE INSERT ON communes WHEN length(NEW.province_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.province_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_province_ar_update BEFORE UPDATE OF province_ar ON communes WHEN length(NEW.province_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.province_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_province_fr_insert BEFORE INSERT ON communes WHEN length(NEW.province_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.province_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_province_fr_update BEFORE UPDATE OF province_fr ON communes WHEN length(NEW.province_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.province_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_platform_ref_insert BEFORE INSERT ON communes WHEN length(NEW.platform_ref) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.platform_ref (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_platform_ref_update BEFORE UPDATE OF platform_ref ON communes WHEN length(NEW.platform_ref) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.platform_ref (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_platform_url_insert BEFORE INSERT ON communes WHEN length(NEW.platform_url) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.platform_url (at most 500 characters)'); END;
CREATE TRIGGER text_limit_communes_platform_url_update BEFORE UPDATE OF platform_url ON communes WHEN length(NEW.platform_url) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: communes.platform_url (at most 500 characters)'); END;

-- evaluations
CREATE TRIGGER text_limit_evaluations_worked_ar_insert BEFORE INSERT ON evaluations WHEN length(NEW.worked_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.worked_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evaluations_worked_ar_update BEFORE UPDATE OF worked_ar ON evaluations WHEN length(NEW.worked_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.worked_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evaluations_worked_fr_insert BEFORE INSERT ON evaluations WHEN length(NEW.worked_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.worked_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evaluations_worked_fr_update BEFORE UPDATE OF worked_fr ON evaluations WHEN length(NEW.worked_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.worked_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evaluations_not_worked_ar_insert BEFORE INSERT ON evaluations WHEN length(NEW.not_worked_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.not_worked_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evaluations_not_worked_ar_update BEFORE UPDATE OF not_worked_ar ON evaluations WHEN length(NEW.not_worked_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.not_worked_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evaluations_not_worked_fr_insert BEFORE INSERT ON evaluations WHEN length(NEW.not_worked_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.not_worked_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evaluations_not_worked_fr_update BEFORE UPDATE OF not_worked_fr ON evaluations WHEN length(NEW.not_worked_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.not_worked_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evaluations_changes_ar_insert BEFORE INSERT ON evaluations WHEN length(NEW.changes_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.changes_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evaluations_changes_ar_update BEFORE UPDATE OF changes_ar ON evaluations WHEN length(NEW.changes_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.changes_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evaluations_changes_fr_insert BEFORE INSERT ON evaluations WHEN length(NEW.changes_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.changes_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evaluations_changes_fr_update BEFORE UPDATE OF changes_fr ON evaluations WHEN length(NEW.changes_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evaluations.changes_fr (at most 500 characters)'); END;

-- event_agenda_items
CREATE TRIGGER text_limit_event_agenda_items_text_ar_insert BEFORE INSERT ON event_agenda_items WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: event_agenda_items.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_event_agenda_items_text_ar_update BEFORE UPDATE OF text_ar ON event_agenda_items WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: event_agenda_items.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_event_agenda_items_text_fr_insert BEFORE INSERT ON event_agenda_items WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: event_agenda_items.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_event_agenda_items_text_fr_update BEFORE UPDATE OF text_fr ON event_agenda_items WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: event_agenda_items.text_fr (at most 10000 characters)'); END;

-- events
CREATE TRIGGER text_limit_events_title_ar_insert BEFORE INSERT ON events WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: events.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_events_title_ar_update BEFORE UPDATE OF title_ar ON events WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: events.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_events_title_fr_insert BEFORE INSERT ON events WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: events.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_events_title_fr_update BEFORE UPDATE OF title_fr ON events WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: events.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_events_place_ar_insert BEFORE INSERT ON events WHEN length(NEW.place_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: events.place_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_events_place_ar_update BEFORE UPDATE OF place_ar ON events WHEN length(NEW.place_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: events.place_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_events_place_fr_insert BEFORE INSERT ON events WHEN length(NEW.place_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: events.place_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_events_place_fr_update BEFORE UPDATE OF place_fr ON events WHEN length(NEW.place_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: events.place_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_events_description_ar_insert BEFORE INSERT ON events WHEN length(NEW.description_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: events.description_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_events_description_ar_update BEFORE UPDATE OF description_ar ON events WHEN length(NEW.description_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: events.description_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_events_description_fr_insert BEFORE INSERT ON events WHEN length(NEW.description_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: events.description_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_events_description_fr_update BEFORE UPDATE OF description_fr ON events WHEN length(NEW.description_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: events.description_fr (at most 10000 characters)'); END;

-- evidence
CREATE TRIGGER text_limit_evidence_file_name_insert BEFORE INSERT ON evidence WHEN length(NEW.file_name) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evidence.file_name (at most 500 characters)'); END;
CREATE TRIGGER text_limit_evidence_file_name_update BEFORE UPDATE OF file_name ON evidence WHEN length(NEW.file_name) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: evidence.file_name (at most 500 characters)'); END;

-- indicator_plans
CREATE TRIGGER text_limit_indicator_plans_unit_insert BEFORE INSERT ON indicator_plans WHEN length(NEW.unit) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_plans.unit (at most 500 characters)'); END;
CREATE TRIGGER text_limit_indicator_plans_unit_update BEFORE UPDATE OF unit ON indicator_plans WHEN length(NEW.unit) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_plans.unit (at most 500 characters)'); END;
CREATE TRIGGER text_limit_indicator_plans_baseline_text_insert BEFORE INSERT ON indicator_plans WHEN length(NEW.baseline_text) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_plans.baseline_text (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_indicator_plans_baseline_text_update BEFORE UPDATE OF baseline_text ON indicator_plans WHEN length(NEW.baseline_text) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_plans.baseline_text (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_indicator_plans_target_text_insert BEFORE INSERT ON indicator_plans WHEN length(NEW.target_text) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_plans.target_text (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_indicator_plans_target_text_update BEFORE UPDATE OF target_text ON indicator_plans WHEN length(NEW.target_text) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_plans.target_text (at most 10000 characters)'); END;

-- indicator_values
CREATE TRIGGER text_limit_indicator_values_value_text_insert BEFORE INSERT ON indicator_values WHEN length(NEW.value_text) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_values.value_text (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_indicator_values_value_text_update BEFORE UPDATE OF value_text ON indicator_values WHEN length(NEW.value_text) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_values.value_text (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_indicator_values_source_ar_insert BEFORE INSERT ON indicator_values WHEN length(NEW.source_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_values.source_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_indicator_values_source_ar_update BEFORE UPDATE OF source_ar ON indicator_values WHEN length(NEW.source_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_values.source_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_indicator_values_source_fr_insert BEFORE INSERT ON indicator_values WHEN length(NEW.source_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_values.source_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_indicator_values_source_fr_update BEFORE UPDATE OF source_fr ON indicator_values WHEN length(NEW.source_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_values.source_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_indicator_values_note_ar_insert BEFORE INSERT ON indicator_values WHEN length(NEW.note_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_values.note_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_indicator_values_note_ar_update BEFORE UPDATE OF note_ar ON indicator_values WHEN length(NEW.note_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_values.note_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_indicator_values_note_fr_insert BEFORE INSERT ON indicator_values WHEN length(NEW.note_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_values.note_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_indicator_values_note_fr_update BEFORE UPDATE OF note_fr ON indicator_values WHEN length(NEW.note_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: indicator_values.note_fr (at most 10000 characters)'); END;

-- milestones
CREATE TRIGGER text_limit_milestones_title_ar_insert BEFORE INSERT ON milestones WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: milestones.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_milestones_title_ar_update BEFORE UPDATE OF title_ar ON milestones WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: milestones.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_milestones_title_fr_insert BEFORE INSERT ON milestones WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: milestones.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_milestones_title_fr_update BEFORE UPDATE OF title_fr ON milestones WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: milestones.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_milestones_place_ar_insert BEFORE INSERT ON milestones WHEN length(NEW.place_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: milestones.place_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_milestones_place_ar_update BEFORE UPDATE OF place_ar ON milestones WHEN length(NEW.place_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: milestones.place_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_milestones_place_fr_insert BEFORE INSERT ON milestones WHEN length(NEW.place_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: milestones.place_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_milestones_place_fr_update BEFORE UPDATE OF place_fr ON milestones WHEN length(NEW.place_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: milestones.place_fr (at most 500 characters)'); END;

-- network
CREATE TRIGGER text_limit_network_name_ar_insert BEFORE INSERT ON network WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_name_ar_update BEFORE UPDATE OF name_ar ON network WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_name_fr_insert BEFORE INSERT ON network WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_name_fr_update BEFORE UPDATE OF name_fr ON network WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_program_name_ar_insert BEFORE INSERT ON network WHEN length(NEW.program_name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.program_name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_program_name_ar_update BEFORE UPDATE OF program_name_ar ON network WHEN length(NEW.program_name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.program_name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_program_name_fr_insert BEFORE INSERT ON network WHEN length(NEW.program_name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.program_name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_program_name_fr_update BEFORE UPDATE OF program_name_fr ON network WHEN length(NEW.program_name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.program_name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_description_ar_insert BEFORE INSERT ON network WHEN length(NEW.description_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network.description_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_description_ar_update BEFORE UPDATE OF description_ar ON network WHEN length(NEW.description_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network.description_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_description_fr_insert BEFORE INSERT ON network WHEN length(NEW.description_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network.description_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_description_fr_update BEFORE UPDATE OF description_fr ON network WHEN length(NEW.description_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network.description_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_aim_ar_insert BEFORE INSERT ON network WHEN length(NEW.aim_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network.aim_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_aim_ar_update BEFORE UPDATE OF aim_ar ON network WHEN length(NEW.aim_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network.aim_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_aim_fr_insert BEFORE INSERT ON network WHEN length(NEW.aim_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network.aim_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_aim_fr_update BEFORE UPDATE OF aim_fr ON network WHEN length(NEW.aim_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network.aim_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_award_place_ar_insert BEFORE INSERT ON network WHEN length(NEW.award_place_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.award_place_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_award_place_ar_update BEFORE UPDATE OF award_place_ar ON network WHEN length(NEW.award_place_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.award_place_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_award_place_fr_insert BEFORE INSERT ON network WHEN length(NEW.award_place_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.award_place_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_award_place_fr_update BEFORE UPDATE OF award_place_fr ON network WHEN length(NEW.award_place_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.award_place_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_award_ar_insert BEFORE INSERT ON network WHEN length(NEW.award_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.award_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_award_ar_update BEFORE UPDATE OF award_ar ON network WHEN length(NEW.award_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.award_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_award_fr_insert BEFORE INSERT ON network WHEN length(NEW.award_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.award_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_award_fr_update BEFORE UPDATE OF award_fr ON network WHEN length(NEW.award_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network.award_fr (at most 500 characters)'); END;

-- network_components
CREATE TRIGGER text_limit_network_components_text_ar_insert BEFORE INSERT ON network_components WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_components.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_components_text_ar_update BEFORE UPDATE OF text_ar ON network_components WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_components.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_components_text_fr_insert BEFORE INSERT ON network_components WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_components.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_components_text_fr_update BEFORE UPDATE OF text_fr ON network_components WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_components.text_fr (at most 10000 characters)'); END;

-- network_facts
CREATE TRIGGER text_limit_network_facts_text_ar_insert BEFORE INSERT ON network_facts WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_facts.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_facts_text_ar_update BEFORE UPDATE OF text_ar ON network_facts WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_facts.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_facts_text_fr_insert BEFORE INSERT ON network_facts WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_facts.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_facts_text_fr_update BEFORE UPDATE OF text_fr ON network_facts WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_facts.text_fr (at most 10000 characters)'); END;

-- network_goals
CREATE TRIGGER text_limit_network_goals_text_ar_insert BEFORE INSERT ON network_goals WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_goals.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_goals_text_ar_update BEFORE UPDATE OF text_ar ON network_goals WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_goals.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_goals_text_fr_insert BEFORE INSERT ON network_goals WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_goals.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_goals_text_fr_update BEFORE UPDATE OF text_fr ON network_goals WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_goals.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_goals_detail_ar_insert BEFORE INSERT ON network_goals WHEN length(NEW.detail_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_goals.detail_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_goals_detail_ar_update BEFORE UPDATE OF detail_ar ON network_goals WHEN length(NEW.detail_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_goals.detail_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_goals_detail_fr_insert BEFORE INSERT ON network_goals WHEN length(NEW.detail_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_goals.detail_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_goals_detail_fr_update BEFORE UPDATE OF detail_fr ON network_goals WHEN length(NEW.detail_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_goals.detail_fr (at most 10000 characters)'); END;

-- network_principles
CREATE TRIGGER text_limit_network_principles_name_ar_insert BEFORE INSERT ON network_principles WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network_principles.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_principles_name_ar_update BEFORE UPDATE OF name_ar ON network_principles WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network_principles.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_principles_name_fr_insert BEFORE INSERT ON network_principles WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network_principles.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_principles_name_fr_update BEFORE UPDATE OF name_fr ON network_principles WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: network_principles.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_network_principles_description_ar_insert BEFORE INSERT ON network_principles WHEN length(NEW.description_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_principles.description_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_principles_description_ar_update BEFORE UPDATE OF description_ar ON network_principles WHEN length(NEW.description_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_principles.description_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_principles_description_fr_insert BEFORE INSERT ON network_principles WHEN length(NEW.description_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_principles.description_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_network_principles_description_fr_update BEFORE UPDATE OF description_fr ON network_principles WHEN length(NEW.description_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: network_principles.description_fr (at most 10000 characters)'); END;

-- partners
CREATE TRIGGER text_limit_partners_name_ar_insert BEFORE INSERT ON partners WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: partners.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_partners_name_ar_update BEFORE UPDATE OF name_ar ON partners WHEN length(NEW.name_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: partners.name_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_partners_name_fr_insert BEFORE INSERT ON partners WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: partners.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_partners_name_fr_update BEFORE UPDATE OF name_fr ON partners WHEN length(NEW.name_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: partners.name_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_partners_description_ar_insert BEFORE INSERT ON partners WHEN length(NEW.description_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: partners.description_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_partners_description_ar_update BEFORE UPDATE OF description_ar ON partners WHEN length(NEW.description_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: partners.description_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_partners_description_fr_insert BEFORE INSERT ON partners WHEN length(NEW.description_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: partners.description_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_partners_description_fr_update BEFORE UPDATE OF description_fr ON partners WHEN length(NEW.description_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: partners.description_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_partners_short_name_insert BEFORE INSERT ON partners WHEN length(NEW.short_name) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: partners.short_name (at most 500 characters)'); END;
CREATE TRIGGER text_limit_partners_short_name_update BEFORE UPDATE OF short_name ON partners WHEN length(NEW.short_name) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: partners.short_name (at most 500 characters)'); END;

-- program_amendments
CREATE TRIGGER text_limit_program_amendments_title_ar_insert BEFORE INSERT ON program_amendments WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_amendments.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_program_amendments_title_ar_update BEFORE UPDATE OF title_ar ON program_amendments WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_amendments.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_program_amendments_title_fr_insert BEFORE INSERT ON program_amendments WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_amendments.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_program_amendments_title_fr_update BEFORE UPDATE OF title_fr ON program_amendments WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_amendments.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_program_amendments_decision_ref_insert BEFORE INSERT ON program_amendments WHEN length(NEW.decision_ref) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_amendments.decision_ref (at most 500 characters)'); END;
CREATE TRIGGER text_limit_program_amendments_decision_ref_update BEFORE UPDATE OF decision_ref ON program_amendments WHEN length(NEW.decision_ref) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_amendments.decision_ref (at most 500 characters)'); END;

-- program_references
CREATE TRIGGER text_limit_program_references_text_ar_insert BEFORE INSERT ON program_references WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: program_references.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_program_references_text_ar_update BEFORE UPDATE OF text_ar ON program_references WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: program_references.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_program_references_text_fr_insert BEFORE INSERT ON program_references WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: program_references.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_program_references_text_fr_update BEFORE UPDATE OF text_fr ON program_references WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: program_references.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_program_references_ref_number_insert BEFORE INSERT ON program_references WHEN length(NEW.ref_number) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_references.ref_number (at most 500 characters)'); END;
CREATE TRIGGER text_limit_program_references_ref_number_update BEFORE UPDATE OF ref_number ON program_references WHEN length(NEW.ref_number) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_references.ref_number (at most 500 characters)'); END;

-- program_transitions
CREATE TRIGGER text_limit_program_transitions_note_ar_insert BEFORE INSERT ON program_transitions WHEN length(NEW.note_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: program_transitions.note_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_program_transitions_note_ar_update BEFORE UPDATE OF note_ar ON program_transitions WHEN length(NEW.note_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: program_transitions.note_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_program_transitions_note_fr_insert BEFORE INSERT ON program_transitions WHEN length(NEW.note_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: program_transitions.note_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_program_transitions_note_fr_update BEFORE UPDATE OF note_fr ON program_transitions WHEN length(NEW.note_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: program_transitions.note_fr (at most 10000 characters)'); END;

-- program_versions
CREATE TRIGGER text_limit_program_versions_label_ar_insert BEFORE INSERT ON program_versions WHEN length(NEW.label_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_versions.label_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_program_versions_label_ar_update BEFORE UPDATE OF label_ar ON program_versions WHEN length(NEW.label_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_versions.label_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_program_versions_label_fr_insert BEFORE INSERT ON program_versions WHEN length(NEW.label_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_versions.label_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_program_versions_label_fr_update BEFORE UPDATE OF label_fr ON program_versions WHEN length(NEW.label_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: program_versions.label_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_program_versions_reason_insert BEFORE INSERT ON program_versions WHEN length(NEW.reason) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: program_versions.reason (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_program_versions_reason_update BEFORE UPDATE OF reason ON program_versions WHEN length(NEW.reason) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: program_versions.reason (at most 10000 characters)'); END;

-- programs
CREATE TRIGGER text_limit_programs_title_ar_insert BEFORE INSERT ON programs WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: programs.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_programs_title_ar_update BEFORE UPDATE OF title_ar ON programs WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: programs.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_programs_title_fr_insert BEFORE INSERT ON programs WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: programs.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_programs_title_fr_update BEFORE UPDATE OF title_fr ON programs WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: programs.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_programs_adoption_session_ar_insert BEFORE INSERT ON programs WHEN length(NEW.adoption_session_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: programs.adoption_session_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_programs_adoption_session_ar_update BEFORE UPDATE OF adoption_session_ar ON programs WHEN length(NEW.adoption_session_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: programs.adoption_session_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_programs_adoption_session_fr_insert BEFORE INSERT ON programs WHEN length(NEW.adoption_session_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: programs.adoption_session_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_programs_adoption_session_fr_update BEFORE UPDATE OF adoption_session_fr ON programs WHEN length(NEW.adoption_session_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: programs.adoption_session_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_programs_notes_ar_insert BEFORE INSERT ON programs WHEN length(NEW.notes_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: programs.notes_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_programs_notes_ar_update BEFORE UPDATE OF notes_ar ON programs WHEN length(NEW.notes_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: programs.notes_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_programs_notes_fr_insert BEFORE INSERT ON programs WHEN length(NEW.notes_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: programs.notes_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_programs_notes_fr_update BEFORE UPDATE OF notes_fr ON programs WHEN length(NEW.notes_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: programs.notes_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_programs_decision_ref_insert BEFORE INSERT ON programs WHEN length(NEW.decision_ref) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: programs.decision_ref (at most 500 characters)'); END;
CREATE TRIGGER text_limit_programs_decision_ref_update BEFORE UPDATE OF decision_ref ON programs WHEN length(NEW.decision_ref) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: programs.decision_ref (at most 500 characters)'); END;

-- project_expected_results
CREATE TRIGGER text_limit_project_expected_results_text_ar_insert BEFORE INSERT ON project_expected_results WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_expected_results.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_project_expected_results_text_ar_update BEFORE UPDATE OF text_ar ON project_expected_results WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_expected_results.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_project_expected_results_text_fr_insert BEFORE INSERT ON project_expected_results WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_expected_results.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_project_expected_results_text_fr_update BEFORE UPDATE OF text_fr ON project_expected_results WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_expected_results.text_fr (at most 10000 characters)'); END;

-- project_indicators
CREATE TRIGGER text_limit_project_indicators_text_ar_insert BEFORE INSERT ON project_indicators WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_indicators.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_project_indicators_text_ar_update BEFORE UPDATE OF text_ar ON project_indicators WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_indicators.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_project_indicators_text_fr_insert BEFORE INSERT ON project_indicators WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_indicators.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_project_indicators_text_fr_update BEFORE UPDATE OF text_fr ON project_indicators WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_indicators.text_fr (at most 10000 characters)'); END;

-- project_objectives
CREATE TRIGGER text_limit_project_objectives_text_ar_insert BEFORE INSERT ON project_objectives WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_objectives.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_project_objectives_text_ar_update BEFORE UPDATE OF text_ar ON project_objectives WHEN length(NEW.text_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_objectives.text_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_project_objectives_text_fr_insert BEFORE INSERT ON project_objectives WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_objectives.text_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_project_objectives_text_fr_update BEFORE UPDATE OF text_fr ON project_objectives WHEN length(NEW.text_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: project_objectives.text_fr (at most 10000 characters)'); END;

-- project_partners
CREATE TRIGGER text_limit_project_partners_contribution_ar_insert BEFORE INSERT ON project_partners WHEN length(NEW.contribution_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: project_partners.contribution_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_project_partners_contribution_ar_update BEFORE UPDATE OF contribution_ar ON project_partners WHEN length(NEW.contribution_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: project_partners.contribution_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_project_partners_contribution_fr_insert BEFORE INSERT ON project_partners WHEN length(NEW.contribution_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: project_partners.contribution_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_project_partners_contribution_fr_update BEFORE UPDATE OF contribution_fr ON project_partners WHEN length(NEW.contribution_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: project_partners.contribution_fr (at most 500 characters)'); END;

-- projects
CREATE TRIGGER text_limit_projects_title_ar_insert BEFORE INSERT ON projects WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: projects.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_projects_title_ar_update BEFORE UPDATE OF title_ar ON projects WHEN length(NEW.title_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: projects.title_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_projects_title_fr_insert BEFORE INSERT ON projects WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: projects.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_projects_title_fr_update BEFORE UPDATE OF title_fr ON projects WHEN length(NEW.title_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: projects.title_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_projects_slogan_ar_insert BEFORE INSERT ON projects WHEN length(NEW.slogan_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: projects.slogan_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_projects_slogan_ar_update BEFORE UPDATE OF slogan_ar ON projects WHEN length(NEW.slogan_ar) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: projects.slogan_ar (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_projects_slogan_fr_insert BEFORE INSERT ON projects WHEN length(NEW.slogan_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: projects.slogan_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_projects_slogan_fr_update BEFORE UPDATE OF slogan_fr ON projects WHEN length(NEW.slogan_fr) > 10000
BEGIN SELECT RAISE(ABORT, 'text too long: projects.slogan_fr (at most 10000 characters)'); END;
CREATE TRIGGER text_limit_projects_duration_ar_insert BEFORE INSERT ON projects WHEN length(NEW.duration_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: projects.duration_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_projects_duration_ar_update BEFORE UPDATE OF duration_ar ON projects WHEN length(NEW.duration_ar) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: projects.duration_ar (at most 500 characters)'); END;
CREATE TRIGGER text_limit_projects_duration_fr_insert BEFORE INSERT ON projects WHEN length(NEW.duration_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: projects.duration_fr (at most 500 characters)'); END;
CREATE TRIGGER text_limit_projects_duration_fr_update BEFORE UPDATE OF duration_fr ON projects WHEN length(NEW.duration_fr) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: projects.duration_fr (at most 500 characters)'); END;

-- proposal_observations
CREATE TRIGGER text_limit_proposal_observations_problem_insert BEFORE INSERT ON proposal_observations WHEN length(NEW.problem) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.problem (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_observations_problem_update BEFORE UPDATE OF problem ON proposal_observations WHEN length(NEW.problem) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.problem (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_observations_solutions_insert BEFORE INSERT ON proposal_observations WHEN length(NEW.solutions) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.solutions (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_observations_solutions_update BEFORE UPDATE OF solutions ON proposal_observations WHEN length(NEW.solutions) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.solutions (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_observations_funding_insert BEFORE INSERT ON proposal_observations WHEN length(NEW.funding) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.funding (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_observations_funding_update BEFORE UPDATE OF funding ON proposal_observations WHEN length(NEW.funding) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.funding (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_observations_follow_up_insert BEFORE INSERT ON proposal_observations WHEN length(NEW.follow_up) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.follow_up (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_observations_follow_up_update BEFORE UPDATE OF follow_up ON proposal_observations WHEN length(NEW.follow_up) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.follow_up (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_observations_impact_insert BEFORE INSERT ON proposal_observations WHEN length(NEW.impact) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.impact (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_observations_impact_update BEFORE UPDATE OF impact ON proposal_observations WHEN length(NEW.impact) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.impact (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_observations_remarks_insert BEFORE INSERT ON proposal_observations WHEN length(NEW.remarks) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.remarks (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_observations_remarks_update BEFORE UPDATE OF remarks ON proposal_observations WHEN length(NEW.remarks) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_observations.remarks (at most 3000 characters)'); END;

-- proposal_projects
CREATE TRIGGER text_limit_proposal_projects_objective_insert BEFORE INSERT ON proposal_projects WHEN length(NEW.objective) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_projects.objective (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_projects_objective_update BEFORE UPDATE OF objective ON proposal_projects WHEN length(NEW.objective) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_projects.objective (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_projects_expected_results_insert BEFORE INSERT ON proposal_projects WHEN length(NEW.expected_results) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_projects.expected_results (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_projects_expected_results_update BEFORE UPDATE OF expected_results ON proposal_projects WHEN length(NEW.expected_results) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_projects.expected_results (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_projects_partners_insert BEFORE INSERT ON proposal_projects WHEN length(NEW.partners) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_projects.partners (at most 3000 characters)'); END;
CREATE TRIGGER text_limit_proposal_projects_partners_update BEFORE UPDATE OF partners ON proposal_projects WHEN length(NEW.partners) > 3000
BEGIN SELECT RAISE(ABORT, 'text too long: proposal_projects.partners (at most 3000 characters)'); END;

-- proposals
CREATE TRIGGER text_limit_proposals_title_insert BEFORE INSERT ON proposals WHEN length(NEW.title) > 150
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.title (at most 150 characters)'); END;
CREATE TRIGGER text_limit_proposals_title_update BEFORE UPDATE OF title ON proposals WHEN length(NEW.title) > 150
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.title (at most 150 characters)'); END;
CREATE TRIGGER text_limit_proposals_description_insert BEFORE INSERT ON proposals WHEN length(NEW.description) > 5000
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.description (at most 5000 characters)'); END;
CREATE TRIGGER text_limit_proposals_description_update BEFORE UPDATE OF description ON proposals WHEN length(NEW.description) > 5000
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.description (at most 5000 characters)'); END;
CREATE TRIGGER text_limit_proposals_author_name_insert BEFORE INSERT ON proposals WHEN length(NEW.author_name) > 150
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.author_name (at most 150 characters)'); END;
CREATE TRIGGER text_limit_proposals_author_name_update BEFORE UPDATE OF author_name ON proposals WHEN length(NEW.author_name) > 150
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.author_name (at most 150 characters)'); END;
CREATE TRIGGER text_limit_proposals_association_insert BEFORE INSERT ON proposals WHEN length(NEW.association) > 150
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.association (at most 150 characters)'); END;
CREATE TRIGGER text_limit_proposals_association_update BEFORE UPDATE OF association ON proposals WHEN length(NEW.association) > 150
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.association (at most 150 characters)'); END;
CREATE TRIGGER text_limit_proposals_neighbourhood_insert BEFORE INSERT ON proposals WHEN length(NEW.neighbourhood) > 150
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.neighbourhood (at most 150 characters)'); END;
CREATE TRIGGER text_limit_proposals_neighbourhood_update BEFORE UPDATE OF neighbourhood ON proposals WHEN length(NEW.neighbourhood) > 150
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.neighbourhood (at most 150 characters)'); END;
CREATE TRIGGER text_limit_proposals_public_answer_insert BEFORE INSERT ON proposals WHEN length(NEW.public_answer) > 4000
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.public_answer (at most 4000 characters)'); END;
CREATE TRIGGER text_limit_proposals_public_answer_update BEFORE UPDATE OF public_answer ON proposals WHEN length(NEW.public_answer) > 4000
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.public_answer (at most 4000 characters)'); END;
CREATE TRIGGER text_limit_proposals_hidden_reason_insert BEFORE INSERT ON proposals WHEN length(NEW.hidden_reason) > 2000
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.hidden_reason (at most 2000 characters)'); END;
CREATE TRIGGER text_limit_proposals_hidden_reason_update BEFORE UPDATE OF hidden_reason ON proposals WHEN length(NEW.hidden_reason) > 2000
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.hidden_reason (at most 2000 characters)'); END;
CREATE TRIGGER text_limit_proposals_rejection_reason_insert BEFORE INSERT ON proposals WHEN length(NEW.rejection_reason) > 2000
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.rejection_reason (at most 2000 characters)'); END;
CREATE TRIGGER text_limit_proposals_rejection_reason_update BEFORE UPDATE OF rejection_reason ON proposals WHEN length(NEW.rejection_reason) > 2000
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.rejection_reason (at most 2000 characters)'); END;
CREATE TRIGGER text_limit_proposals_email_insert BEFORE INSERT ON proposals WHEN length(NEW.email) > 254
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.email (at most 254 characters)'); END;
CREATE TRIGGER text_limit_proposals_email_update BEFORE UPDATE OF email ON proposals WHEN length(NEW.email) > 254
BEGIN SELECT RAISE(ABORT, 'text too long: proposals.email (at most 254 characters)'); END;

-- review_comments
CREATE TRIGGER text_limit_review_comments_body_insert BEFORE INSERT ON review_comments WHEN length(NEW.body) > 4000
BEGIN SELECT RAISE(ABORT, 'text too long: review_comments.body (at most 4000 characters)'); END;
CREATE TRIGGER text_limit_review_comments_body_update BEFORE UPDATE OF body ON review_comments WHEN length(NEW.body) > 4000
BEGIN SELECT RAISE(ABORT, 'text too long: review_comments.body (at most 4000 characters)'); END;
CREATE TRIGGER text_limit_review_comments_addressed_note_insert BEFORE INSERT ON review_comments WHEN length(NEW.addressed_note) > 2000
BEGIN SELECT RAISE(ABORT, 'text too long: review_comments.addressed_note (at most 2000 characters)'); END;
CREATE TRIGGER text_limit_review_comments_addressed_note_update BEFORE UPDATE OF addressed_note ON review_comments WHEN length(NEW.addressed_note) > 2000
BEGIN SELECT RAISE(ABORT, 'text too long: review_comments.addressed_note (at most 2000 characters)'); END;

-- users
CREATE TRIGGER text_limit_users_name_insert BEFORE INSERT ON users WHEN length(NEW.name) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: users.name (at most 500 characters)'); END;
CREATE TRIGGER text_limit_users_name_update BEFORE UPDATE OF name ON users WHEN length(NEW.name) > 500
BEGIN SELECT RAISE(ABORT, 'text too long: users.name (at most 500 characters)'); END;
CREATE TRIGGER text_limit_users_email_insert BEFORE INSERT ON users WHEN length(NEW.email) > 254
BEGIN SELECT RAISE(ABORT, 'text too long: users.email (at most 254 characters)'); END;
CREATE TRIGGER text_limit_users_email_update BEFORE UPDATE OF email ON users WHEN length(NEW.email) > 254
BEGIN SELECT RAISE(ABORT, 'text too long: users.email (at most 254 characters)'); END;
