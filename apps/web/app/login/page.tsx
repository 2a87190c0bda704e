'use client';
import { AuthForm, nextPage } from '@/app/ui/auth-form';

export default function Login() {
  return (
    <AuthForm
      title="Sign in to Sightline"
      intro="Your live analytics and assistant."
      action="/api/login"
      submit="Sign in"
      next={nextPage}
      fields={[
        { name: 'email', label: 'E-mail', type: 'email', autoComplete: 'username' },
        { name: 'password', label: 'Password', type: 'password', autoComplete: 'current-password' },
      ]}
    />
  );
}
