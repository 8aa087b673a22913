import {
  Button,
  Divider,
  Group,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconPlugConnected } from '@tabler/icons-react'
import { SOURCE_KINDS, type AppInfo, type SourceKind, type SourceView } from '../../../shared/api'
import { toDisplayError } from '../../api/remote-error'
import { useAddSource, useTestDraftSource, useUpdateSource } from '../../api/sources'
import { ErrorAlert } from '../../components/error-alert'
import { ConnectionResult } from './connection-result'
import {
  emptySourceForm,
  formFromSource,
  sourceInputFromForm,
  type SourceFormValues,
} from './source-draft'
import {
  KIND_LABELS,
  KIND_OPTIONS,
  PASSWORD_ENV_EXAMPLES,
  SASL_MECHANISMS,
  URL_EXAMPLES,
  validatePasswordRef,
  validateSourceName,
  validateSourceUrl,
} from './source-kinds'

const KIND_CHOICES = SOURCE_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))
const FORM_FIELDS = ['name', 'kind', 'url', 'username', 'password', 'passwordRef', 'aliases']

interface SourceFormProps {
  /** The saved source when editing; absent when adding. */
  editing?: SourceView
  appInfo: AppInfo | undefined
  onDone: (saved: SourceView) => void
  onCancel: () => void
}

/** Add or edit a source, with a test of the unsaved draft before saving. */
export function SourceForm({ editing, appInfo, onDone, onCancel }: SourceFormProps) {
  const form = useForm<SourceFormValues>({
    initialValues: editing ? formFromSource(editing) : emptySourceForm(),
    validateInputOnBlur: true,
    validate: {
      name: validateSourceName,
      url: (url, values) => validateSourceUrl(values.kind, url),
      passwordRef: (ref, values) =>
        values.secretMode === 'env' ? validatePasswordRef(ref) : undefined,
    },
  })
  const addSource = useAddSource()
  const updateSource = useUpdateSource()
  const testDraft = useTestDraftSource()
  const saving = addSource.isPending || updateSource.isPending
  const saveError = addSource.error ?? updateSource.error

  const values = form.values
  const offered = KIND_OPTIONS[values.kind]
  const keepsSecret = editing?.hasSecret === true && editing.secretStorage !== 'env-ref'
  const memoryOnly = appInfo?.secretStorage === 'memory'

  /** A server-side bad-input naming a field goes next to that field. */
  function showServerError(err: unknown): void {
    const error = toDisplayError(err)
    const field = error.details?.field
    if (error.code === 'bad-input' && typeof field === 'string' && FORM_FIELDS.includes(field)) {
      form.setFieldError(field, error.message)
    }
  }

  const submit = form.onSubmit((formValues) => {
    const source = sourceInputFromForm(formValues, editing)
    const options = { onSuccess: onDone, onError: showServerError }
    if (editing) updateSource.mutate({ name: editing.name, source }, options)
    else addSource.mutate(source, options)
  })

  function testConnection(): void {
    const checked = ['url', 'passwordRef'].map((path) => form.validateField(path).hasError)
    if (checked.some(Boolean)) return
    testDraft.mutate(sourceInputFromForm(form.getValues(), editing))
  }

  function changeKind(kind: string | null): void {
    if (!kind) return
    form.setFieldValue('kind', kind as SourceKind)
    if (form.values.url) form.validateField('url')
    testDraft.reset()
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={editing ? `Edit source ${editing.name}` : 'Add source'}
    >
      <Stack gap="sm">
        <TextInput
          label="Name"
          description="Unique in the workspace; it becomes part of every URN of this source"
          placeholder="crm-prod"
          withAsterisk
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Select
          label="Kind"
          data={KIND_CHOICES}
          allowDeselect={false}
          withAsterisk
          {...form.getInputProps('kind')}
          onChange={changeKind}
        />
        <TextInput
          label="URL"
          description={`For example ${URL_EXAMPLES[values.kind]}`}
          placeholder={URL_EXAMPLES[values.kind]}
          withAsterisk
          spellCheck={false}
          autoComplete="off"
          {...form.getInputProps('url')}
        />
        <TextInput
          label="Username"
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('username')}
        />

        <Stack gap={4}>
          <Text size="sm" fw={500} id="secret-mode-label">
            Password source
          </Text>
          <SegmentedControl
            aria-labelledby="secret-mode-label"
            size="xs"
            data={[
              { value: 'password', label: 'Type a password' },
              { value: 'env', label: 'Use environment variable' },
            ]}
            {...form.getInputProps('secretMode')}
          />
        </Stack>
        {values.secretMode === 'password' ? (
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            placeholder={keepsSecret ? 'Unchanged' : undefined}
            description={
              keepsSecret
                ? 'Leave empty to keep the current password'
                : memoryOnly
                  ? 'Kept in this server’s memory only: it is lost when the server stops'
                  : undefined
            }
            {...form.getInputProps('password')}
          />
        ) : (
          <TextInput
            label="Environment variable reference"
            description="Saved in sources.yaml as written; the value is read where Sightline runs"
            placeholder={PASSWORD_ENV_EXAMPLES[values.kind]}
            spellCheck={false}
            autoComplete="off"
            {...form.getInputProps('passwordRef')}
          />
        )}

        {offered.databases || offered.tls || offered.sasl ? (
          <Divider label={`${KIND_LABELS[values.kind]} options`} labelPosition="left" />
        ) : null}
        {offered.databases ? (
          <TagsInput
            label="Databases"
            description="Leave empty for the database in the URL; press Enter after each name"
            {...form.getInputProps('databases')}
          />
        ) : null}
        {offered.sasl ? (
          <Select
            label="SASL mechanism"
            data={SASL_MECHANISMS.map((m) => ({ value: m, label: m === 'none' ? 'None' : m }))}
            allowDeselect={false}
            {...form.getInputProps('saslMechanism')}
          />
        ) : null}
        {offered.tls ? (
          <Switch label="Use TLS" {...form.getInputProps('tls', { type: 'checkbox' })} />
        ) : null}

        <Divider />
        <TagsInput
          label="Aliases"
          description="host:port pairs, Debezium database.hostname values, Kafka cluster ids, replica-set names"
          {...form.getInputProps('aliases')}
        />

        <Group justify="space-between" mt="xs">
          <Button
            variant="default"
            leftSection={<IconPlugConnected size={16} />}
            onClick={testConnection}
            loading={testDraft.isPending}
          >
            Test connection
          </Button>
          <Group gap="xs">
            <Button variant="subtle" color="gray" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {editing ? 'Save changes' : 'Add source'}
            </Button>
          </Group>
        </Group>

        <div role="region" aria-label="Connection test result" aria-live="polite">
          {testDraft.data ? <ConnectionResult check={testDraft.data} /> : null}
          {testDraft.error ? (
            <ErrorAlert error={testDraft.error} title="The test could not run" />
          ) : null}
        </div>
        {saveError && !form.errors[String(toDisplayError(saveError).details?.field)] ? (
          <ErrorAlert
            error={saveError}
            title={editing ? 'Could not save the source' : 'Could not add the source'}
          />
        ) : null}
      </Stack>
    </form>
  )
}
