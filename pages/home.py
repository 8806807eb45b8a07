"""Home: this week's status, and a welcome for a first visit."""

import streamlit as st

from lib.checkin import week_status
from lib.weeks import day_label
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
            until = "tonight" if status.days_left == 0 else day_label(status.week.sunday)
            st.info(f"**This week's check-in ({status.week}) is open until {until}.**")
            link_label = "Check in for this week"
        st.page_link("pages/check_in.py", label=link_label, icon="✍️")
    weeks = status.weeks_checked_in
    left, right = st.columns(2)
    left.metric("Weeks checked in", weeks)
    if status.last_saved is not None:
        latest = status.last_saved.week
        right.metric("Latest check-in", latest.label(), help=f"ISO week {latest}")

st.subheader("The six practices")
items = common.practices()
for row in range(0, len(items), 2):
    # One row of columns at a time, so a phone stacks them in reading order.
    for column, item in zip(st.columns(2), items[row : row + 2], strict=False):
        with column:
            st.page_link(common.practice_page(item), label=f"{item.number}. {item.title}")
            st.caption(item.summary)

st.divider()
st.caption(text.disclaimer)
