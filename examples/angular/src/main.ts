import { provideBrowserGlobalErrorListeners } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';

// Angular 21 applications are zoneless by default: views update when a signal they read
// changes, when the async pipe receives a value, or on a template event. No zone.js.
bootstrapApplication(App, { providers: [provideBrowserGlobalErrorListeners()] }).catch((error: unknown) =>
  console.error(error),
);
