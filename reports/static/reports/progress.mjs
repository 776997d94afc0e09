// The report version page: while the worker renders, show each stage as it happens and reload
// the page once the version is ready or has failed. Without JavaScript the page offers a plain
// refresh link instead.
const POLL_MILLISECONDS = 2000;

const region = document.querySelector("[data-report-progress]");

async function poll() {
  try {
    const response = await fetch(region.dataset.statusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok) {
      const status = await response.json();
      if (status.finished) {
        window.location.reload();
        return;
      }
      const state = document.querySelector("[data-report-state] .govuk-tag");
      if (state && state.textContent !== status.state_label) {
        state.textContent = status.state_label;
      }
      for (const stage of status.stages) {
        const text = region.querySelector(`[data-stage="${stage.stage}"] [data-stage-text]`);
        if (text && text.textContent !== stage.text) {
          text.textContent = stage.text;
        }
      }
    }
  } catch {
    // A dropped connection is not an error worth showing: try again on the next tick.
  }
  window.setTimeout(poll, POLL_MILLISECONDS);
}

if (region) {
  window.setTimeout(poll, POLL_MILLISECONDS);
}
