"""Home: this week's status, and a welcome for a first visit."""

import streamlit as st

from lib.checkin import week_status
from pages import common

text = common.app_text()
status = week_status(common.saved_entries(), common.today())

st.title(f"🫶 {text.name}")
st.caption(text.tagline)

if status.weeks_checked_in == 0:
    with st.container(key="empty_state"):
        st.markdown(text.intro)
        if st.button("Start your first check-in", icon="✍️", type="primary", key="start"):
            st.switch_page("pages/check_in.py")
else:
    with st.container(border=True, key="week_status"):
        if status.done:
            st.success(f"**This week ({status.week}) is checked in.** You can still edit it.")
            link_label = "Edit this week's check-in"
        else:
            days = "today" if status.days_left == 0 else f"{status.days_left + 1} more days"
            st.info(f"**This week's check-in is still open** ({status.week.label()}), for {days}.")
            link_label = "Check in for this week"
        st.page_link("pages/check_in.py", label=link_label, icon="✍️")
    weeks = status.weeks_checked_in
    left, right = st.columns(2)
    left.metric("Weeks checked in", weeks)
    if status.last_saved is not None:
        right.metric(
            "Latest check-in", str(status.last_saved.week), help=status.last_saved.week.label()
        )

st.subheader("The six practices")
columns = st.columns(2)
for index, item in enumerate(common.practices()):
    with columns[index % 2]:
        st.page_link(common.practice_page(item), label=f"{item.number}. {item.title}")
        st.caption(item.summary)

st.divider()
st.caption(text.disclaimer)
