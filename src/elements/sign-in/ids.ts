let instances = 0;

/**
 * The ids of one `<ks-sign-in>`'s light-DOM elements, those of each form grouped under its name.
 * They must be unique on the page: a page may show two sign-in forms (one in the menu).
 */
export function signInIds() {
  const prefix = `ks-sign-in-${++instances}`;
  const id = (name: string) => `${prefix}-${name}`;
  /** A form with a title, an intro and an address field: `${name}-form`, `${name}-title`, … */
  const titledForm = (name: string) => ({
    form: id(`${name}-form`),
    title: id(`${name}-title`),
    intro: id(`${name}-intro`),
    email: id(`${name}-email`),
    submit: id(`${name}-submit`),
  });
  return {
    signIn: { form: id('form'), email: id('email'), password: id('password'), forgot: id('forgot'), submit: id('submit') },
    reset: titledForm('reset'),
    resend: titledForm('resend'),
    newPassword: {
      ...titledForm('new-password'),
      username: id('new-password-username'),
      account: id('new-password-account'),
      otherAddress: id('new-password-other-address'),
      password: id('new-password'),
    },
    alert: id('alert'),
    status: id('status'),
    countdown: id('countdown'),
    resendButton: id('resend'),
    resendHint: id('resend-hint'),
    back: id('back'),
    action: id('action'),
  };
}

export type SignInIds = ReturnType<typeof signInIds>;
