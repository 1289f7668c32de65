// Progressive enhancement only: every page works without it. Initialises the GOV.UK Frontend components.
import { initAll } from "./govuk-frontend.min.js";

initAll();

// Forms marked data-upload-progress send their files with a progress bar. Without JavaScript (or if the request
// fails to start) the form posts as usual; the server's answer replaces the page either way.
for (const form of document.querySelectorAll("form[data-upload-progress]")) {
  const box = form.querySelector(".portal-progress");
  const bar = box && box.querySelector("progress");
  if (!bar || !window.FormData || !window.XMLHttpRequest) continue;
  form.addEventListener("submit", (event) => {
    const data = new FormData(form, event.submitter);
    const hasFiles = [...data.values()].some((value) => value instanceof File && value.size > 0);
    if (!hasFiles) return;
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.upload.addEventListener("progress", (progress) => {
      if (progress.lengthComputable) bar.value = Math.round((progress.loaded / progress.total) * 100);
    });
    request.addEventListener("load", () => {
      window.history.replaceState(null, "", request.responseURL);
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", () => form.submit());
    box.hidden = false;
    for (const button of form.querySelectorAll("button")) button.disabled = true;
    request.send(data);
  });
}
