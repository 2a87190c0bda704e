'use client';
import { AuthForm } from '@/app/ui/auth-form';

export default function Setup() {
  return (
    <AuthForm
      title="Welcome to Sightline"
      intro="Create the owner account. The owner adds sites, people and settings."
      action="/api/setup"
      submit="Create the owner account"
      next={() => '/'}
      fields={[
        { name: 'name', label: 'Your name', type: 'text', autoComplete: 'name' },
        { name: 'email', label: 'E-mail', type: 'email', autoComplete: 'username' },
        {
          name: 'password',
          label: 'Password (at least 10 characters)',
          type: 'password',
          autoComplete: 'new-password',
        },
      ]}
    />
  );
}
