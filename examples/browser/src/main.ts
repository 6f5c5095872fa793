// A browser app that signs in to a DocSpace portal. The page and the portal's API share one origin: in
// development Vite's dev server forwards /api to the portal (vite.config.ts), in production a reverse proxy does.
import { getSelfProfile } from '@docspace/auth-client';
import {
  createDocSpaceAuth,
  isDocSpaceAuthError,
  type SecondFactorChallenge,
  webStorageStore,
} from '@docspace/auth-helpers';
import { renderSVG } from 'uqr';

const $ = <T extends HTMLElement>(selector: string): T => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`missing ${selector}`);
  return element;
};
const signInForm = $<HTMLFormElement>('#sign-in');
const factorForm = $<HTMLFormElement>('#second-factor');
const signedIn = $<HTMLElement>('#signed-in');
const status = $<HTMLElement>('#status');

// sessionStorage: the session ends with the tab, and only this tab's scripts can read it (see the auth-helpers
// README on web storage and XSS).
const auth = createDocSpaceAuth({
  baseUrl: location.origin,
  store: webStorageStore(sessionStorage),
  secondFactor: askForCode,
});
$('#portal').textContent = location.origin;

function show(view: 'sign-in' | 'second-factor' | 'signed-in'): void {
  signInForm.hidden = view !== 'sign-in';
  factorForm.hidden = view !== 'second-factor';
  signedIn.hidden = view !== 'signed-in';
}

function say(text: string, error = false): void {
  status.textContent = text;
  status.classList.toggle('error', error);
}

/** What to tell a person about a failure: the SDK's error codes are stable, its messages are for developers. */
function explain(error: unknown): string {
  if (!isDocSpaceAuthError(error)) return 'Something went wrong.';
  switch (error.code) {
    case 'invalid_credentials':
      return 'Wrong email or password.';
    case 'invalid_code':
      return 'That code was not accepted. Sign in again.';
    case 'blocked':
    case 'rate_limited':
      return 'Too many attempts. Try again in a minute.';
    case 'user_disabled':
      return 'This account is disabled.';
    case 'network':
    case 'timeout':
      return 'The portal cannot be reached.';
    case 'aborted':
      return 'Cancelled.';
    default:
      return error.message;
  }
}

let cancelSecondFactor: ((reason: Error) => void) | undefined;

/** The `secondFactor` callback: shows the code step and resolves with what the person types. */
function askForCode(challenge: SecondFactorChallenge): Promise<string> {
  const prompt = $('#factor-prompt');
  const resend = $<HTMLButtonElement>('#resend');
  const setup = $('#setup');
  const describe = () => {
    prompt.textContent =
      challenge.kind === 'sms'
        ? `We sent a code by SMS to ${challenge.phoneNoise}.`
        : challenge.kind === 'totp-setup'
          ? 'Set up your authenticator app: scan the QR code, then enter the code it shows.'
          : 'Enter the code from your authenticator app.';
  };
  describe();
  resend.hidden = challenge.kind !== 'sms';
  setup.hidden = challenge.kind !== 'totp-setup';
  if (challenge.kind === 'totp-setup') {
    $('#qr').innerHTML = renderSVG(challenge.otpauthUri, { border: 2 });
    $('#tfa-key').textContent = challenge.tfaKey;
    $<HTMLAnchorElement>('#otpauth').href = challenge.otpauthUri;
  }
  factorForm.reset();
  show('second-factor');
  say('');
  $<HTMLInputElement>('#second-factor input[name=code]').focus();

  return new Promise<string>((resolve, reject) => {
    resend.onclick = async () => {
      resend.disabled = true;
      try {
        if (challenge.kind !== 'sms') return;
        await challenge.resend();
        describe();
        say(`A new code is on its way to ${challenge.phoneNoise}.`);
      } catch (error) {
        say(explain(error), true);
      } finally {
        resend.disabled = false;
      }
    };
    cancelSecondFactor = reject;
    factorForm.onsubmit = (event) => {
      event.preventDefault();
      const code = String(new FormData(factorForm).get('code') ?? '').trim();
      $('#qr').innerHTML = '';
      $('#tfa-key').textContent = '';
      $<HTMLAnchorElement>('#otpauth').removeAttribute('href');
      resolve(code);
    };
  });
}

$('#cancel').addEventListener('click', () => cancelSecondFactor?.(new Error('cancelled')));

async function showSignedIn(): Promise<void> {
  const { data, error } = await getSelfProfile({ client: auth.client });
  if (error !== undefined || !data?.response) throw error ?? new Error('no profile');
  const { displayName, email } = data.response;
  $('#who').textContent = `${displayName} (${email})`;
  show('signed-in');
  say('');
}

signInForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(signInForm);
  const button = $<HTMLButtonElement>('#sign-in button');
  button.disabled = true;
  say('Signing in…');
  try {
    await auth.login({ userName: String(form.get('userName')), password: String(form.get('password')) });
    signInForm.reset();
    await showSignedIn();
  } catch (error) {
    show('sign-in');
    say(error instanceof Error && error.message === 'cancelled' ? '' : explain(error), true);
  } finally {
    button.disabled = false;
  }
});

$('#sign-out').addEventListener('click', async () => {
  try {
    await auth.logout();
    say('Signed out.');
  } catch (error) {
    say(`Signed out here; ${explain(error)}`, true);
  }
  show('sign-in');
});

// A session kept in this tab (a reload) goes straight to the signed-in view, without signing in again.
const restored = await auth.session();
if (restored) {
  await showSignedIn().catch((error: unknown) => {
    show('sign-in');
    say(explain(error), true);
  });
} else {
  show('sign-in');
}
document.body.dataset.ready = 'true';
