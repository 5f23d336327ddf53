metadata description = 'Log Analytics workspace and workspace-based Application Insights that accepts Entra ID-authenticated telemetry only.'

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Required. Azure region.')
param location string

@description('Optional. Tags applied to both resources.')
param tags object = {}

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

@description('Required. Resource ID of the Application Insights component.')
output applicationInsightsResourceId string = applicationInsights.id

@description('Required. Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name

@description('Required. Connection string of Application Insights. It carries no secret because local authentication is off.')
output connectionString string = applicationInsights.properties.ConnectionString
