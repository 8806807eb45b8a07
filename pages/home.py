"""Home: the dashboard, or a welcome on the first visit."""

import streamlit as st

from ui import actions, dashboard, messages, navigation, page_start, session, texts, views

snapshot = page_start.open_page()
text = texts.app_text()
today = session.today()

st.title(f"🫶 {text.name}", anchor=False)
st.caption(text.tagline)
messages.show(messages.RECOVERY)

if not snapshot.entries:
    with st.container(key="empty_state"):
        st.markdown(text.intro)
        start, sample = st.columns(2)
        if start.button("Start your first check-in", icon="✍️", type="primary", key="start"):
            st.switch_page("pages/check-in.py")
        sample.button(
            "Explore with sample data",
            icon="🧪",
            key="explore_sample",
            on_click=actions.enter_sample_mode,
            help="A made-up history to look around with; it never touches your diary.",
        )
    st.header("The six practices", anchor=False)
    items = texts.practices()
    for row in range(0, len(items), 2):
        # One row of columns at a time, so a phone stacks them in reading order.
        for column, item in zip(st.columns(2), items[row : row + 2], strict=False):
            with column:
                st.page_link(navigation.practice_script(item), label=f"{item.number}. {item.title}")
                st.caption(item.summary)
else:
    view = views.home(snapshot, today)
    dashboard.status(view)
    dashboard.focus_card(view, today, snapshot.settings)

    st.header("At a glance", anchor=False)
    dashboard.chart(view.wheel_chart, view.wheel_table, "wheel", dashboard.CHART_NAMES["wheel"])

    st.header("Trends", anchor=False)
    dashboard.trends(snapshot, today, view)

    st.header("Does focusing help?", anchor=False)
    dashboard.focus_effects(view.effects)

st.divider()
st.caption(text.disclaimer)
