"""Settings: the partner's name and pronoun, and a weekly reminder for the calendar."""

from functools import partial

import streamlit as st

from lib import reminders
from lib.settings import PRONOUNS
from ui import actions, encryption, messages, page_start, session

current = page_start.open_page().settings

st.title("⚙️ Settings", anchor=False)

st.header("Your partner", anchor=False)
st.caption(
    "Used where Closer's ideas and questions mention your partner. Leave empty for "
    "“your partner” (“my partner” in the questions you ask yourself)."
)
with st.form("partner"):
    st.text_input("Name", value=current.partner_name, key="partner_name")
    st.radio(
        "Pronoun",
        PRONOUNS,
        index=PRONOUNS.index(current.partner_pronoun),
        horizontal=True,
        key="partner_pronoun",
    )
    st.form_submit_button(
        "Save",
        type="primary",
        on_click=actions.save_settings,
        args=("partner_name", "partner_pronoun"),
    )
messages.show(messages.SETTINGS)
st.caption("Your partner's name and pronoun are kept in your diary file and its backups.")

st.header("Weekly reminder", anchor=False)
st.caption("Add a weekly event to your calendar app that links back to Closer.")
day_column, time_column = st.columns(2)
weekday = day_column.selectbox(
    "Day", range(7), index=6, format_func=lambda day: reminders.WEEKDAYS[day], key="reminder_day"
)
at = time_column.selectbox(
    "Time",
    reminders.TIMES,
    index=reminders.TIMES.index(reminders.DEFAULT_TIME),
    format_func=lambda moment: f"{moment:%H:%M}",
    key="reminder_time",
)
url, zone_name = reminders.home_url(st.context.url), reminders.local_timezone_name()
try:
    reminders.check_reminder(weekday, url, zone_name)
except ValueError as error:
    st.error(str(error))
else:
    st.download_button(
        "Download reminder (.ics)",
        # Made when it is downloaded, not on every run of this page.
        partial(reminders.reminder_ics, weekday, at, url, zone_name, session.today()),
        file_name=reminders.reminder_filename(),
        mime="text/calendar",
        icon="📅",
        key="reminder_download",
        on_click="ignore",
    )
    st.caption(f"Every {reminders.WEEKDAYS[weekday]} at {at:%H:%M}. Open the file to add it.")
    st.caption("The reminder's link opens Closer only while it is running on this computer.")

encryption.section(current.partner_name)
