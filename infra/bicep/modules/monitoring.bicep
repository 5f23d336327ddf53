metadata description = 'Log Analytics workspace and workspace-based Application Insights that accepts Entra ID-authenticated telemetry only.'

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Required. Azure region.')
param location string

@description('Optional. Tags applied to both resources.')
param tags object = {}

@description('Optional. Address that receives the operational alerts; empty sends none, and the alerts show in the portal only.')
param alertEmail string = ''

@description('Optional. Days that the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    retentionInDays: retentionInDays
    sku: {
      name: 'PerGB2018'
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry needs an Entra ID token (the Monitoring Metrics Publisher role), not the key alone.
    DisableLocalAuth: true
  }
}

// Operational alerts and the saved queries behind them. Event ids are those of the app's log
// messages: 2006 a message to an entity rejected permanently, 2007 one to the OTPC.
var operationalQueries = [
  {
    name: 'lifecycle-failures'
    displayName: 'BalancFunctions: lifecycle orchestration or activity failed'
    description: 'Exceptions in the agreement lifecycle orchestration or its activities.'
    severity: 1
    query: 'AppExceptions | where OperationName in ("AgreementLifecycle", "PlanCycle", "RunStep")'
  }
  {
    name: 'email-failures'
    displayName: 'BalancFunctions: e-mail send failed'
    description: 'Messages that the SMTP server rejected permanently, and MailKit exceptions.'
    severity: 2
    query: 'union (AppTraces | where tostring(Properties.EventId) in ("2006", "2007")), (AppExceptions | where ExceptionType startswith "MailKit")'
  }
  {
    name: 'escalations-undelivered'
    displayName: 'BalancFunctions: escalation to the OTPC not delivered'
    description: 'Escalations and notices that the SMTP server rejected for the OTPC mailbox.'
    severity: 1
    query: 'AppTraces | where tostring(Properties.EventId) == "2007"'
  }
]

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${applicationInsightsName}-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'balancops'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      {
        name: 'operations'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = [for item in operationalQueries: {
  name: '${applicationInsightsName}-${item.name}'
  location: location
  tags: tags
  properties: {
    displayName: item.displayName
    description: item.description
    severity: item.severity
    enabled: true
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    scopes: [
      workspace.id
    ]
    criteria: {
      allOf: [
        {
          query: item.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}]

resource savedSearches 'Microsoft.OperationalInsights/workspaces/savedSearches@2020-08-01' = [for item in operationalQueries: {
  parent: workspace
  name: 'balanc-${item.name}'
  properties: {
    category: 'BalancFunctions'
    displayName: item.displayName
    query: item.query
    version: 2
  }
}]

@description('Required. Resource ID of the Application Insights component.')
output applicationInsightsResourceId string = applicationInsights.id

@description('Required. Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name

@description('Required. Connection string of Application Insights. It carries no secret because local authentication is off.')
output connectionString string = applicationInsights.properties.ConnectionString
