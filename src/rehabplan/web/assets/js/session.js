// The warning before an idle logout. The server decides when a session ends
// (rehabplan.web.security.session_timeout); this script only asks it how long is left, shows the
// warning in time and sends "Forbliv logget ind". <body> carries the figures as data attributes.
(function () {
  var body = document.body;
  var statusUrl = body.dataset.sessionUrl;
  var banner = document.getElementById("session-warning");
  if (!statusUrl || !banner) {
    return;
  }
  var warningSeconds = Number(body.dataset.sessionWarningSeconds) || 120;
  var keepAlive = banner.querySelector("[data-session-keep-alive]");
  var idleText = banner.querySelector("[data-session-text-idle]");
  var absoluteText = banner.querySelector("[data-session-text-absolute]");
  var checkTimer = null;
  var countdownTimer = null;
  var deadline = 0;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function formatLeft(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function showCountdown() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    banner.querySelectorAll("[data-session-countdown]").forEach(function (element) {
      element.textContent = formatLeft(left);
    });
  }

  function hideWarning() {
    banner.hidden = true;
    clearInterval(countdownTimer);
    countdownTimer = null;
  }

  function showWarning(endsBy) {
    var idle = endsBy !== "absolute";
    idleText.hidden = !idle;
    absoluteText.hidden = idle;
    keepAlive.hidden = !idle;
    showCountdown();
    if (banner.hidden) {
      banner.hidden = false;
      if (idle) {
        keepAlive.focus();
      }
    }
    if (!countdownTimer) {
      countdownTimer = setInterval(showCountdown, 1000);
    }
  }

  function schedule(secondsLeft, endsBy) {
    clearTimeout(checkTimer);
    deadline = Date.now() + secondsLeft * 1000;
    if (secondsLeft > warningSeconds) {
      hideWarning();
      checkTimer = setTimeout(check, (secondsLeft - warningSeconds) * 1000);
    } else {
      showWarning(endsBy);
      // Ask again just after the deadline: the server then ends the session and says where to go.
      checkTimer = setTimeout(check, (secondsLeft + 1) * 1000);
    }
  }

  function handle(response) {
    return response.json().then(function (status) {
      if (response.status === 401 || status.logged_out) {
        window.location.assign(status.login_url);
        return;
      }
      schedule(status.seconds_left, status.ends_by);
    });
  }

  function check() {
    // The background header: asking how long is left is not activity.
    fetch(statusUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Rehabplan-Background": "1" },
    }).then(handle);
  }

  keepAlive.addEventListener("click", function () {
    fetch(statusUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    }).then(handle);
  });

  schedule(Number(body.dataset.sessionSecondsLeft), body.dataset.sessionEndsBy);
})();
